import { describe, expect, it } from "vitest";
import { CATALOGUES, isMessageKey, translate } from "../../i18n/i18n";
import { LANGUAGES } from "../../i18n/languages";
import { problemKey, reasonKey, serviceLabel, transitionKey, type CodedList } from "./labels";
import {
  ENROLMENT_STATES,
  LICENCE_STATUSES,
  PRIORITIES,
  PROVIDER_KINDS,
  SERVICE_TYPES,
  TARGET_GROUPS,
  transitionAction,
  transitionNeedsReason,
  type TransitionAction,
} from "./rules";

const LISTS: [CodedList, readonly string[]][] = [
  ["type", SERVICE_TYPES],
  ["targetGroup", TARGET_GROUPS],
  ["licence", LICENCE_STATUSES],
  ["state", ENROLMENT_STATES],
  ["priority", PRIORITIES],
  ["providerKind", PROVIDER_KINDS],
];
const ACTIONS: readonly TransitionAction[] = ["accept", "decline", "withdraw", "suspend", "resume", "end"];

describe("coded values of the services", () => {
  it("have a message for every value of every list", () => {
    const missing = LISTS.flatMap(([list, values]) =>
      values.map((value) => `services.${list}.${value}`).filter((key) => !isMessageKey(key)),
    );
    expect(missing).toEqual([]);
    for (const status of LICENCE_STATUSES) expect(isMessageKey(`services.licenceFlag.${status}`)).toBe(true);
  });

  it("name every move, and ask the reason of each move that needs one", () => {
    for (const action of ACTIONS) {
      expect(isMessageKey(transitionKey(action))).toBe(true);
      expect(isMessageKey(`services.moveNamed.${action}`)).toBe(true);
    }
    const needing = ENROLMENT_STATES.flatMap((from) =>
      ENROLMENT_STATES.filter(transitionNeedsReason).map((to) => transitionAction(from, to)),
    );
    for (const action of new Set(needing)) expect(isMessageKey(reasonKey(action))).toBe(true);
  });

  it("have a sentence for each problem a form finds itself", () => {
    for (const problem of [
      "provider_required",
      "territory_required",
      "name_required",
      "type_required",
      "kind_required",
      "capacity_required",
      "capacity_invalid",
      "licence_date_invalid",
      "price_required",
      "person_required",
      "outside_area_reason_required",
      "reason_required",
    ]) {
      expect(isMessageKey(problemKey(problem))).toBe(true);
    }
  });

  it("are named in each language", () => {
    expect(serviceLabel("type", "day_centre", (key) => translate("ro", key))).toBe("Centru de zi");
    expect(serviceLabel("state", "waiting", (key) => translate("uk", key))).toBe("Очікує");
    expect(serviceLabel("priority", "urgent", (key) => translate("ru", key))).toBe("Срочный");
    expect(serviceLabel("targetGroup", "elderly", (key) => translate("mk", key))).toBe("Стари лица");
    expect(serviceLabel("licence", "expired", (key) => translate("lt", key))).toBe("Nebegalioja");
    for (const language of LANGUAGES) {
      expect(CATALOGUES[language]["services.type.social_canteen"]).toBeTruthy();
    }
  });

  it("say the places of a service in a sentence, with each language's plurals", () => {
    const values = { used: "7", capacity: 10, waiting: "4", days: 31 };
    expect(translate("en", "services.figuresWaiting", values)).toBe(
      "7 of 10 places used, 4 waiting, longest wait 31 days",
    );
    expect(translate("en", "services.figures", { used: "1", capacity: 1 })).toBe("1 of 1 place used, nobody waiting");
    expect(translate("uk", "services.figuresWaiting", { ...values, days: 2 })).toContain("2 дні");
    expect(translate("ru", "services.figuresWaiting", { ...values, days: 5 })).toContain("5 дней");
    expect(translate("lt", "services.figuresWaiting", { ...values, days: 21 })).toContain("21 dieną");
    expect(translate("ro", "services.figuresWaiting", { ...values, days: 20 })).toContain("20 de zile");
  });

  it("show an unknown value as it came, and nothing for none", () => {
    const t = (key: Parameters<typeof translate>[1]) => translate("en", key);
    expect(serviceLabel("type", "sauna", t)).toBe("sauna");
    expect(serviceLabel("state", null, t)).toBe("");
  });
});
