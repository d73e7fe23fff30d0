import { describe, expect, it } from "vitest";
import type { QuestionnaireDefinition } from "../../api/types";
import { answersToSend, formText, holds, visibility } from "./questionnaire";

const text = (en: string) => ({ ro: en, uk: en, mk: en, lt: en, ru: en, en });

const form: QuestionnaireDefinition = {
  code: "t",
  version: 1,
  title: text("T"),
  subject: "household",
  sections: [
    {
      id: "s",
      title: text("S"),
      questions: [
        { id: "kids", type: "number", label: text("Kids") },
        { id: "school", type: "yes_no", label: text("School"), visible_if: { question: "kids", gt: 0 } },
        { id: "out", type: "yes_no", label: text("Out"), visible_if: { question: "school", equals: true } },
        { id: "help", type: "multiple_choice", label: text("Help"), options: [] },
        {
          id: "note",
          type: "text",
          label: text("Note"),
          visible_if: { any: [{ question: "help", in: ["food"] }, { not: { question: "kids", answered: true } }] },
        },
      ],
    },
  ],
};

describe("holds", () => {
  it("evaluates each operator as the server does", () => {
    expect(holds({ question: "a", equals: true }, { a: true })).toBe(true);
    expect(holds({ question: "a", equals: true }, {})).toBe(false);
    expect(holds({ question: "a", in: ["x", "y"] }, { a: "y" })).toBe(true);
    expect(holds({ question: "a", equals: "x" }, { a: ["z", "x"] })).toBe(true);
    expect(holds({ question: "a", answered: false }, {})).toBe(true);
    expect(holds({ question: "a", answered: true }, { a: [] })).toBe(false);
    expect(holds({ question: "a", gte: 65 }, { a: 65 })).toBe(true);
    expect(holds({ question: "a", lt: 2 }, { a: 2 })).toBe(false);
    expect(holds({ question: "a", lte: 2 }, {})).toBe(false);
    expect(holds({ all: [{ question: "a", equals: 1 }, { question: "b", equals: 2 }] }, { a: 1, b: 2 })).toBe(true);
    expect(holds({ not: { question: "a", equals: 1 } }, { a: 1 })).toBe(false);
  });
});

describe("visibility", () => {
  it("shows a question when its condition holds, and chains through hidden ones", () => {
    expect(visibility(form, { kids: 2, school: true }).get("out")).toBe(true);
    const none = visibility(form, { kids: 0, school: true });
    expect(none.get("school")).toBe(false);
    expect(none.get("out")).toBe(false);
    expect(visibility(form, {}).get("note")).toBe(true);
    expect(visibility(form, { kids: 1, help: ["wood"] }).get("note")).toBe(false);
  });

  it("sends no answer for a hidden question", () => {
    expect(answersToSend(form, { kids: 0, school: true, out: false, note: "" })).toEqual({ kids: 0 });
  });
});

describe("formText", () => {
  it("takes the language, else English", () => {
    expect(formText({ ro: "Da", en: "Yes" }, "ro")).toBe("Da");
    expect(formText({ en: "Yes" }, "uk")).toBe("Yes");
    expect(formText(null, "uk")).toBe("");
  });
});
