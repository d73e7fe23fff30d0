import { describe, expect, it } from "vitest";
import { isMessageKey, translate } from "../../i18n/i18n";
import { LANGUAGES } from "../../i18n/languages";
import { benefitLabel, problemKey, type CodedList } from "./labels";
import {
  AMOUNT_RULES,
  APPLICATION_STATES,
  BUDGET_PERIODS,
  DECISION_STATES,
  INCOME_KINDS,
  PROGRAMME_KINDS,
  PROGRAMME_STATUSES,
  RULE_KINDS,
} from "./rules";

const LISTS: [CodedList, readonly string[]][] = [
  ["kind", PROGRAMME_KINDS],
  ["status", PROGRAMME_STATUSES],
  ["amountRule", AMOUNT_RULES],
  ["budgetPeriod", BUDGET_PERIODS],
  ["rule", RULE_KINDS],
  ["income", INCOME_KINDS],
  ["applicationState", APPLICATION_STATES],
  ["decisionState", DECISION_STATES],
  ["outcome", ["approved", "rejected"]],
];

describe("coded values of the benefits", () => {
  it("have a message for every value of every list", () => {
    const missing = LISTS.flatMap(([list, values]) => values.map((v) => `benefits.${list}.${v}`).filter((key) => !isMessageKey(key)));
    expect(missing).toEqual([]);
    for (const rule of AMOUNT_RULES) expect(isMessageKey(`benefits.amountRuleHint.${rule}`)).toBe(true);
    for (const rule of RULE_KINDS) {
      expect(isMessageKey(`benefits.outcome.${rule}`)).toBe(true);
      expect(isMessageKey(`benefits.ruleText.${rule}`)).toBe(true);
    }
    for (const move of ["approve", "resume", "reject", "suspend", "end"]) {
      expect(isMessageKey(`benefits.move.${move}`)).toBe(true);
      expect(isMessageKey(`benefits.confirm.${move}`)).toBe(true);
    }
  });

  it("name every form finding", () => {
    for (const problem of ["empty", "invalid", "negative", "too_precise", "too_large", "invalid_number", "required"] as const) {
      expect(isMessageKey(problemKey(problem))).toBe(true);
    }
  });

  it("show a value a newer server sends as it came", () => {
    const t = (key: Parameters<typeof translate>[1]) => translate("en", key);
    expect(benefitLabel("kind", "monthly_aid", t)).toBe("Monthly social aid");
    expect(benefitLabel("kind", "solar_panels", t)).toBe("solar_panels");
    expect(benefitLabel("kind", null, t)).toBe("");
  });

  it("are in every language", () => {
    for (const language of LANGUAGES) {
      expect(translate(language, "benefits.decisionState.awaiting_approval")).not.toBe("");
    }
  });
});
