import { describe, expect, it } from "vitest";
import { translate, type MessageKey, type Values } from "../../i18n/i18n";
import { LANGUAGES } from "../../i18n/languages";
import { DIMENSIONS, INDICATORS, SECTIONS } from "./figures";
import { breakdownValueLabel, dimensionLabel, figureLabel, indicatorLabel, recordDescription, sectionLabel } from "./labels";

const en = (key: MessageKey, values?: Values) => translate("en", key, values);

describe("report labels", () => {
  it("names every section, indicator and dimension in every language", () => {
    for (const language of LANGUAGES) {
      const t = (key: MessageKey, values?: Values) => translate(language, key, values);
      for (const section of SECTIONS) expect(sectionLabel(section, t)).not.toBe(section);
      for (const indicator of INDICATORS) expect(indicatorLabel(indicator, t)).not.toBe(indicator);
      for (const dimension of DIMENSIONS) expect(dimensionLabel(dimension, t)).not.toBe(dimension);
    }
  });

  it("names breakdown values as the other rooms do", () => {
    expect(breakdownValueLabel({ dimension: "category", value_code: "child_at_risk", label: null }, en)).toBe(
      en("cases.category.child_at_risk"),
    );
    expect(breakdownValueLabel({ dimension: "risk_level", value_code: "high", label: null }, en)).toBe(en("cases.risk.high"));
    expect(breakdownValueLabel({ dimension: "service_type", value_code: "day_centre", label: null }, en)).toBe(
      en("services.type.day_centre"),
    );
    expect(breakdownValueLabel({ dimension: "service_type", value_code: "unlisted", label: null }, en)).toBe("Not in the catalogue");
  });

  it("names a programme or a flag by the report's label, and an unknown code as it came", () => {
    expect(breakdownValueLabel({ dimension: "programme", value_code: "Qw3r", label: "Ajutor social" }, en)).toBe("Ajutor social");
    expect(breakdownValueLabel({ dimension: "flag", value_code: "no_income", label: null }, en)).toBe("no_income");
  });

  it("names a figure with its breakdown value and currency", () => {
    expect(figureLabel({ indicator: "aid_amount", dimension: null, value_code: null, label: null, currency: "MDL" }, en)).toBe(
      "Aid paid (MDL)",
    );
    expect(
      figureLabel({ indicator: "cases_opened", dimension: "category", value_code: "poverty", label: null, currency: null }, en),
    ).toBe(`Cases opened: ${en("cases.category.poverty")}`);
  });
});

describe("records of the drill-down", () => {
  it("names a contact's kind and reason, a case's category and risk", () => {
    expect(recordDescription({ kind: "contact", detail: "home_visit", label: "child_welfare" }, en)).toBe(
      `${en("cases.contactKind.home_visit")} — ${en("cases.reason.child_welfare")}`,
    );
    expect(recordDescription({ kind: "case", detail: "poverty", label: "high" }, en)).toBe(
      `${en("cases.category.poverty")} — ${en("cases.risk.high")}`,
    );
  });

  it("keeps a name as it came and leaves out what is missing", () => {
    expect(recordDescription({ kind: "enrolment", detail: "active", label: "Cantina socială" }, en)).toBe(
      `${en("services.state.active")} — Cantina socială`,
    );
    expect(recordDescription({ kind: "payment", detail: null, label: "Ajutor lunar" }, en)).toBe("Ajutor lunar");
  });
});
