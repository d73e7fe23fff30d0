import { describe, expect, it } from "vitest";
import { CATALOGUES, isMessageKey, translate } from "../../i18n/i18n";
import { LANGUAGES } from "../../i18n/languages";
import { codeLabel, type CodedList } from "./labels";
import {
  ACTION_STATUSES,
  AGENCIES,
  CASE_STATES,
  CATEGORIES,
  CONTACT_KINDS,
  CONTACT_OUTCOMES,
  CONTACT_REASONS,
  CONTACT_STATUSES,
  REFERRAL_ANSWERS,
  RISK_LEVELS,
  TIMELINE_KINDS,
} from "./rules";

const LISTS: [CodedList, readonly string[]][] = [
  ["state", CASE_STATES],
  ["category", CATEGORIES],
  ["risk", RISK_LEVELS],
  ["contactKind", CONTACT_KINDS],
  ["contactStatus", CONTACT_STATUSES],
  ["reason", CONTACT_REASONS],
  ["outcome", CONTACT_OUTCOMES],
  ["agency", AGENCIES],
  ["actionStatus", ACTION_STATUSES],
  ["answer", [...REFERRAL_ANSWERS, "pending"]],
  ["timelineKind", TIMELINE_KINDS],
];

describe("coded values", () => {
  it("have a message for every value of every list", () => {
    const missing = LISTS.flatMap(([list, values]) =>
      values.map((value) => `cases.${list}.${value}`).filter((key) => !isMessageKey(key)),
    );
    expect(missing).toEqual([]);
  });

  it("are named in each language", () => {
    const t = (key: Parameters<typeof translate>[1]) => translate("uk", key);
    expect(codeLabel("state", "assessment", t)).toBe("Оцінювання");
    expect(codeLabel("risk", "critical", (key) => translate("ro", key))).toBe("Critic");
    for (const language of LANGUAGES) {
      expect(CATALOGUES[language]["cases.contactKind.home_visit"]).toBeTruthy();
    }
  });

  it("show an unknown value as it came, and nothing for none", () => {
    const t = (key: Parameters<typeof translate>[1]) => translate("en", key);
    expect(codeLabel("state", "archived", t)).toBe("archived");
    expect(codeLabel("state", null, t)).toBe("");
  });
});
