import { describe, expect, it } from "vitest";
import type { EligibilityRule, Language, RuleOutcome } from "../../api/types";
import { translate, type MessageKey, type Values } from "../../i18n/i18n";
import { outcomeSentence, ruleSentence } from "./outcomes";

// Intl writes some amounts with no-break spaces; the sentences are compared with plain ones.
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, " ");
const say = (outcome: RuleOutcome, rule?: EligibilityRule, language: Language = "en") =>
  plain(outcomeSentence(outcome, rule, "MDL", (key: MessageKey, values?: Values) => translate(language, key, values), language));
const rule = (r: EligibilityRule, language: Language = "en") =>
  plain(ruleSentence(r, "MDL", (key: MessageKey, values?: Values) => translate(language, key, values), language));

describe("outcomeSentence", () => {
  it("says the income per member against its limit", () => {
    expect(say({ kind: "income_per_member", index: 0, passed: true, value: 142000, limit: 150000 })).toBe(
      "Income per member MDL 1,420.00 ≤ MDL 1,500.00: passes",
    );
    expect(say({ kind: "income_per_member", index: 0, passed: false, value: 162050, limit: 150000 })).toBe(
      "Income per member MDL 1,620.50 > MDL 1,500.00: fails",
    );
    expect(say({ kind: "income_per_member", index: 0, passed: false, value: null }, { kind: "income_per_member", max_minor: 150000 })).toBe(
      "No income declared, at most MDL 1,500.00 per member needed: fails",
    );
    expect(say({ kind: "income_per_member", index: 0, passed: true, value: 142000, limit: 150000 }, undefined, "ro")).toBe(
      "Venit pe membru 1.420,00 MDL ≤ 1.500,00 MDL: îndeplinită",
    );
  });

  it("says the children counted and the range needed", () => {
    expect(say({ kind: "children", index: 0, passed: false, value: 2, min: 3, max: null })).toBe("Children under 18: 2, at least 3 needed: fails");
    expect(say({ kind: "children", index: 0, passed: true, value: 2, min: 1, max: 4, under: 16 })).toBe(
      "Children under 16: 2, from 1 to 4 needed: passes",
    );
    // Limits the outcome leaves out come from the programme's rule.
    expect(say({ kind: "children", index: 0, passed: true, value: 0 }, { kind: "children", max: 0, under: 18 })).toBe(
      "Children under 18: 0, at most 0 needed: passes",
    );
    expect(say({ kind: "children", index: 0, passed: false, value: 2, min: 3 }, undefined, "uk")).toBe(
      "Дітей до 18 років: 2, потрібно щонайменше 3: не виконано",
    );
  });

  it("says the applicant's age, or that it is unknown", () => {
    expect(say({ kind: "age", index: 0, passed: true, value: 41, min: 18, max: 62 })).toBe("Applicant's age 41, from 18 to 62 needed: passes");
    expect(say({ kind: "age", index: 0, passed: false, value: 70, max: 62 })).toBe("Applicant's age 70, at most 62 needed: fails");
    expect(say({ kind: "age", index: 0, passed: false, value: null, min: 18 })).toBe("Applicant's age unknown, at least 18 needed: fails");
  });

  it("says the household's size", () => {
    expect(say({ kind: "household_size", index: 0, passed: true, value: 4, min: 3 })).toBe("Household members 4, at least 3 needed: passes");
    expect(say({ kind: "household_size", index: 0, passed: true, value: 1200 }, { kind: "household_size" })).toBe(
      "Household members 1,200, any number: passes",
    );
  });

  it("says the highest disability degree in words", () => {
    expect(say({ kind: "disability", index: 0, passed: true, value: "severe", min_degree: "moderate" })).toBe(
      "Highest disability degree Severe, at least Moderate needed: passes",
    );
    expect(say({ kind: "disability", index: 0, passed: false, value: null }, { kind: "disability", min_degree: "moderate" })).toBe(
      "No member with a disability, at least Moderate needed: fails",
    );
  });

  it("says the open cases and the categories needed", () => {
    expect(say({ kind: "case_category", index: 0, passed: true, value: ["poverty"], categories: ["poverty", "large_family"] })).toBe(
      "Open cases: Poverty; one of Poverty or Large family needed: passes",
    );
    expect(say({ kind: "case_category", index: 0, passed: false, value: [] }, { kind: "case_category", categories: ["child_at_risk"] })).toBe(
      "No open case; one of Child at risk needed: fails",
    );
  });

  it("says the months of residence", () => {
    expect(say({ kind: "residence_months", index: 0, passed: true, value: 91, min: 12 })).toBe("Months of residence 91, at least 12 needed: passes");
    expect(say({ kind: "residence_months", index: 0, passed: false, value: 3 }, { kind: "residence_months", min: 6 })).toBe(
      "Months of residence 3, at least 6 needed: fails",
    );
    expect(say({ kind: "residence_months", index: 0, passed: false, value: null, min: 6 })).toBe(
      "Months of residence unknown, at least 6 needed: fails",
    );
  });

  it("says whether the period was already paid", () => {
    expect(say({ kind: "not_paid_this_period", index: 0, passed: true, value: false })).toBe("Not yet paid for this period: passes");
    expect(say({ kind: "not_paid_this_period", index: 0, passed: false, value: true })).toBe("Already paid for this period: fails");
    expect(say({ kind: "not_paid_this_period", index: 0, passed: false }, undefined, "lt")).toBe("Už šį laikotarpį jau išmokėta: neatitinka");
  });

  it("has a sentence in every language for every kind", () => {
    const outcomes: RuleOutcome[] = [
      { kind: "age", index: 0, passed: true, value: 40, min: 18 },
      { kind: "household_size", index: 0, passed: true, value: 3, max: 5 },
      { kind: "children", index: 0, passed: true, value: 3, min: 3 },
      { kind: "income_per_member", index: 0, passed: true, value: 100, limit: 200 },
      { kind: "disability", index: 4, passed: true, value: "mild", min_degree: "mild" },
      { kind: "case_category", index: 5, passed: true, value: ["poverty"], categories: ["poverty"] },
      { kind: "residence_months", index: 0, passed: true, value: 20, min: 12 },
      { kind: "not_paid_this_period", index: 0, passed: true, value: false },
    ];
    for (const language of ["en", "ro", "uk", "ru", "mk", "lt"] as const) {
      for (const outcome of outcomes) {
        const sentence = say(outcome, undefined, language);
        expect(sentence).not.toMatch(/benefits\.|\{|\}/);
        expect(sentence.length).toBeGreaterThan(10);
      }
    }
  });
});

describe("ruleSentence", () => {
  it("says each rule of a programme in words", () => {
    expect(rule({ kind: "age", min: 18, max: 62 })).toBe("Applicant's age: from 18 to 62");
    expect(rule({ kind: "household_size", min: 3 })).toBe("Household members: at least 3");
    expect(rule({ kind: "children", min: 3, under: 18 })).toBe("Children under 18: at least 3");
    expect(rule({ kind: "income_per_member", max_minor: 150000 })).toBe("Income per member at most MDL 1,500.00");
    expect(rule({ kind: "disability", min_degree: "severe" })).toBe("A member with a disability of degree at least Severe");
    expect(rule({ kind: "case_category", categories: ["poverty", "large_family"] })).toBe("An open case: Poverty or Large family");
    expect(rule({ kind: "residence_months", min: 12 })).toBe("Months of residence in the community: at least 12");
    expect(rule({ kind: "not_paid_this_period" })).toBe("Not already paid for the period");
    expect(rule({ kind: "income_per_member", max_minor: 150000 }, "ru")).toBe("Доход на члена не более 1 500,00 MDL");
  });
});
