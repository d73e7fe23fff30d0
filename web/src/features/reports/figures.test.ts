import { describe, expect, it } from "vitest";
import type { ReportFigure } from "../../api/types";
import {
  addMonths,
  cellOf,
  changeOf,
  defaultReportMonth,
  drillDownPath,
  figureRefFrom,
  formatChange,
  formatMonth,
  groupFigures,
  isFutureMonth,
  parseFigureKey,
} from "./figures";

function figure(partial: Partial<ReportFigure> & Pick<ReportFigure, "indicator" | "section">): ReportFigure {
  return {
    unit: "count",
    dimension: null,
    value_code: null,
    label: null,
    currency: null,
    value: 0,
    previous: 0,
    last_year: 0,
    by_territory: [],
    ...partial,
  };
}

describe("suppressed and shown values", () => {
  it("shows a suppressed value as below the threshold", () => {
    expect(cellOf(null, "count", null, { threshold: 5 }, "en")).toEqual({ kind: "suppressed", text: "<5", threshold: 5 });
  });

  it("still marks a null as suppressed when the answer names no threshold", () => {
    expect(cellOf(null, "count", null, null, "ro")).toEqual({ kind: "suppressed", text: "<", threshold: null });
  });

  it("shows counts in the reader's digits", () => {
    expect(cellOf(12345, "count", null, null, "en")).toEqual({ kind: "value", text: "12,345" });
    expect(cellOf(0, "count", null, { threshold: 5 }, "en")).toEqual({ kind: "value", text: "0" });
  });

  it("shows money from minor units with its currency", () => {
    const cell = cellOf(150050, "money", "MDL", null, "en");
    expect(cell.kind).toBe("value");
    expect(cell.text).toContain("1,500.50");
    expect(cell.text).toContain("MDL");
    expect(cellOf(150050, "money", "MDL", null, "ro").text).toContain("1.500,50");
  });
});

describe("changes against an earlier month", () => {
  it("gives the difference and the ratio", () => {
    expect(changeOf(12, 9)).toEqual({ delta: 3, ratio: 3 / 9 });
    expect(changeOf(5, 0)).toEqual({ delta: 5, ratio: null });
  });

  it("gives nothing when either value is suppressed", () => {
    expect(changeOf(null, 9)).toBeNull();
    expect(changeOf(12, null)).toBeNull();
  });

  it("writes the change with its sign", () => {
    expect(formatChange({ delta: 3, ratio: 0.5 }, "count", null, "en")).toBe("+3 (+50%)");
    expect(formatChange({ delta: -2, ratio: -0.2 }, "count", null, "en")).toBe("−2 (−20%)");
    expect(formatChange({ delta: 4, ratio: null }, "count", null, "en")).toBe("+4");
    expect(formatChange({ delta: 0, ratio: 0 }, "count", null, "en")).toBe("0");
  });
});

describe("grouping the figures", () => {
  it("puts sections in the contract's order with each total before its breakdowns", () => {
    const groups = groupFigures([
      figure({ indicator: "cases_opened", section: "cases", value: 12 }),
      figure({ indicator: "cases_opened", section: "cases", dimension: "category", value_code: "child_at_risk", value: 5 }),
      figure({ indicator: "cases_opened", section: "cases", dimension: "risk_level", value_code: "high", value: 2 }),
      figure({ indicator: "cases_opened", section: "cases", dimension: "category", value_code: "poverty", value: 7 }),
      figure({ indicator: "audiences", section: "contacts", value: 3 }),
    ]);
    expect(groups.map((g) => g.section)).toEqual(["contacts", "cases"]);
    const [row] = groups[1].rows;
    expect(row.total.value).toBe(12);
    expect(row.breakdowns.map((b) => [b.dimension, b.figures.map((f) => f.value_code)])).toEqual([
      ["category", ["child_at_risk", "poverty"]],
      ["risk_level", ["high"]],
    ]);
  });

  it("keeps one row per currency for money, with its own breakdowns", () => {
    const groups = groupFigures([
      figure({ indicator: "aid_amount", section: "benefits", unit: "money", currency: "MDL", value: 100 }),
      figure({ indicator: "aid_amount", section: "benefits", unit: "money", currency: "EUR", value: 7 }),
      figure({
        indicator: "aid_amount",
        section: "benefits",
        unit: "money",
        currency: "EUR",
        dimension: "programme",
        value_code: "p1",
        value: 7,
      }),
    ]);
    expect(groups[0].rows.map((r) => [r.key, r.breakdowns.length])).toEqual([
      ["aid_amount:MDL", 0],
      ["aid_amount:EUR", 1],
    ]);
  });

  it("keeps a breakdown whose total is missing, under an empty total", () => {
    const groups = groupFigures([
      figure({ indicator: "referrals", section: "referrals", dimension: "answer", value_code: "accepted", value: 6 }),
    ]);
    expect(groups[0].rows[0].total).toMatchObject({ indicator: "referrals", dimension: null, value: null });
    expect(groups[0].rows[0].breakdowns[0].figures[0].value).toBe(6);
  });
});

describe("the drill-down address", () => {
  it("names the figure and reads back the same", () => {
    const path = drillDownPath({
      territory: "MD:0110",
      month: "2026-10",
      indicator: "cases_opened",
      dimension: "category",
      value_code: "child_at_risk",
      currency: null,
    });
    expect(path).toBe("/reports/records?territory=MD%3A0110&month=2026-10&indicator=cases_opened&dimension=category&value_code=child_at_risk");
    const params = new URL(path, "http://x").searchParams;
    expect(figureRefFrom(params)).toEqual({
      territory: "MD:0110",
      month: "2026-10",
      indicator: "cases_opened",
      dimension: "category",
      value_code: "child_at_risk",
    });
  });

  it("carries the currency of a money figure and no breakdown for a total", () => {
    expect(drillDownPath({ territory: "RO:1017", month: "2026-01", indicator: "aid_amount", currency: "RON" })).toBe(
      "/reports/records?territory=RO%3A1017&month=2026-01&indicator=aid_amount&currency=RON",
    );
  });

  it("refuses an address without a known indicator or with a malformed month", () => {
    expect(figureRefFrom(new URLSearchParams("territory=X&month=2026-10&indicator=nothing"))).toBeNull();
    expect(figureRefFrom(new URLSearchParams("territory=X&month=2026-13&indicator=audiences"))).toBeNull();
    expect(figureRefFrom(new URLSearchParams("month=2026-10&indicator=audiences"))).toBeNull();
  });
});

describe("months", () => {
  it("opens on the previous month, across a year", () => {
    expect(defaultReportMonth(new Date(2026, 0, 15))).toBe("2025-12");
    expect(defaultReportMonth(new Date(2026, 10, 1))).toBe("2026-10");
  });

  it("counts months forwards and backwards", () => {
    expect(addMonths("2026-10", -23)).toBe("2024-11");
    expect(addMonths("2026-12", 1)).toBe("2027-01");
  });

  it("knows a future month", () => {
    const today = new Date(2026, 10, 30);
    expect(isFutureMonth("2026-11", today)).toBe(false);
    expect(isFutureMonth("2026-12", today)).toBe(true);
  });

  it("writes a month in each language's numbers", () => {
    expect(formatMonth("2026-10", "en")).toBe("10/2026");
    expect(formatMonth("2026-10", "ro")).toBe("10.2026");
    expect(formatMonth("2026-10", "lt")).toBe("2026-10");
  });
});

describe("figures named by the DHIS2 dry run", () => {
  it("reads a total, a breakdown value and a currency", () => {
    expect(parseFigureKey("audiences")).toEqual({ indicator: "audiences", dimension: null, value_code: null, currency: null });
    expect(parseFigureKey("audiences/reason=housing")).toEqual({
      indicator: "audiences",
      dimension: "reason",
      value_code: "housing",
      currency: null,
    });
    expect(parseFigureKey("aid_amount/programme=Qw3rT5yU7i[RON]")).toEqual({
      indicator: "aid_amount",
      dimension: "programme",
      value_code: "Qw3rT5yU7i",
      currency: "RON",
    });
  });

  it("gives nothing for a name it does not know", () => {
    expect(parseFigureKey("new_indicator")).toBeNull();
    expect(parseFigureKey("audiences/colour=red")).toBeNull();
    expect(parseFigureKey("aid_amount[XYZ]")).toBeNull();
  });
});
