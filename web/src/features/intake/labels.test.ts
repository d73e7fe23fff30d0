import { describe, expect, it } from "vitest";
import { isMessageKey, translate } from "../../i18n/i18n";
import { LANGUAGES } from "../../i18n/languages";
import { intakeLabel, problemKey, type CodedList } from "./labels";
import { HELP_OUTCOMES, HELP_STATES, QUEUE_FILTERS, type AnswerProblem } from "./rules";

const LISTS: [CodedList, readonly string[]][] = [
  ["state", HELP_STATES],
  ["filter", QUEUE_FILTERS],
  ["answer", HELP_OUTCOMES],
];
const PROBLEMS: readonly AnswerProblem[] = ["person_required", "person_outside_community", "answer_required"];

describe("coded values of the intake", () => {
  it("have a message for every value of every list", () => {
    const missing = LISTS.flatMap(([list, values]) =>
      values.map((value) => `intake.${list}.${value}`).filter((key) => !isMessageKey(key)),
    );
    expect(missing).toEqual([]);
  });

  it("have a sentence for each problem a form finds itself", () => {
    for (const problem of PROBLEMS) expect(isMessageKey(problemKey(problem))).toBe(true);
  });

  it("show an unknown value as it came", () => {
    const t = (key: Parameters<typeof translate>[1]) => translate("en", key);
    expect(intakeLabel("state", "escalated", t)).toBe("escalated");
    expect(intakeLabel("state", "case", t)).toBe("Case opened");
    expect(intakeLabel("state", null, t)).toBe("");
  });

  it("say the waiting requests in every language, in its plural", () => {
    for (const language of LANGUAGES) {
      expect(translate(language, "today.helpRequests", { count: 3 })).toContain("3");
    }
    expect(translate("en", "today.helpRequests", { count: 1 })).toBe("1 request for help is waiting");
    expect(translate("ro", "today.helpRequests", { count: 20 })).toBe("20 de cereri de ajutor așteaptă");
    expect(translate("uk", "today.helpRequests", { count: 5 })).toBe("5 звернень по допомогу чекають на відповідь");
  });
});
