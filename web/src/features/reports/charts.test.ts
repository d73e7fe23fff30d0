import { describe, expect, it } from "vitest";
import type { MonthlyReport, ReportSeries, ReportSeriesLine } from "../../api/types";
import { bySubTerritory, lastMonthBreakdown, plotted, trendCharts } from "./charts";

function line(partial: Partial<ReportSeriesLine> & Pick<ReportSeriesLine, "indicator" | "values">): ReportSeriesLine {
  return { section: "contacts", unit: "count", dimension: null, value_code: null, label: null, currency: null, ...partial };
}

const series: ReportSeries = {
  territory: { code: "MD:0110", name: "Ialoveni", level: "district" },
  months: ["2026-08", "2026-09", "2026-10"],
  suppression: { threshold: 5 },
  series: [
    line({ indicator: "cases_active", section: "cases", values: [10, 12, 14] }),
    line({ indicator: "audiences", values: [null, 6, 8] }),
    line({ indicator: "cases_active", section: "cases", dimension: "category", value_code: "poverty", values: [3, 4, 5] }),
    line({ indicator: "cases_active", section: "cases", dimension: "category", value_code: "child_at_risk", values: [7, 8, 9] }),
    line({ indicator: "aid_amount", section: "benefits", unit: "money", currency: "MDL", values: [100, 200, 300] }),
    line({ indicator: "aid_amount", section: "benefits", unit: "money", currency: "EUR", values: [1, 2, null] }),
    line({ indicator: "phone_calls", values: [1, 1, 1] }),
  ],
};

describe("dashboard charts", () => {
  it("draws a trend per followed indicator, in the dashboard's order, one per currency for money", () => {
    const charts = trendCharts(series);
    expect(charts.map((c) => [c.indicator, c.currency])).toEqual([
      ["audiences", null],
      ["cases_active", null],
      ["aid_amount", "MDL"],
      ["aid_amount", "EUR"],
    ]);
    expect(charts[0]).toMatchObject({ keys: ["2026-08", "2026-09", "2026-10"], values: [null, 6, 8] });
  });

  it("takes the last month of a breakdown, largest first", () => {
    expect(lastMonthBreakdown(series, "cases_active", "category")).toMatchObject({
      keys: ["child_at_risk", "poverty"],
      values: [9, 5],
    });
    expect(lastMonthBreakdown(series, "cases_active", "risk_level")).toBeNull();
  });

  it("puts suppressed values last in a breakdown", () => {
    const withHidden: ReportSeries = {
      ...series,
      series: [
        line({ indicator: "cases_active", dimension: "category", value_code: "a", values: [0, 0, null] }),
        line({ indicator: "cases_active", dimension: "category", value_code: "b", values: [0, 0, 6] }),
      ],
    };
    expect(lastMonthBreakdown(withHidden, "cases_active", "category")?.keys).toEqual(["b", "a"]);
  });

  it("reads a figure by sub-territory from the monthly report, in its order", () => {
    const report = {
      sub_territories: [
        { code: "A", name: "Alpha", level: "community" },
        { code: "B", name: "Beta", level: "community" },
      ],
      figures: [
        {
          indicator: "cases_active",
          section: "cases",
          unit: "count",
          dimension: null,
          value_code: null,
          label: null,
          currency: null,
          value: 14,
          previous: 12,
          last_year: 9,
          by_territory: [
            { code: "B", value: 9, previous: 0, last_year: 0 },
            { code: "A", value: null, previous: 0, last_year: 0 },
          ],
        },
      ],
    } as unknown as MonthlyReport;
    expect(bySubTerritory(report, "cases_active")).toMatchObject({ keys: ["A", "B"], labels: ["Alpha", "Beta"], values: [null, 9] });
    expect(bySubTerritory(report, "audiences")).toBeNull();
    expect(bySubTerritory({ ...report, sub_territories: [] }, "cases_active")).toBeNull();
  });

  it("plots money in major units", () => {
    expect(plotted(150050, "money")).toBe(1500.5);
    expect(plotted(7, "count")).toBe(7);
    expect(plotted(null, "money")).toBeNull();
  });
});
