// What the dashboard draws, taken from the series and the monthly report: the trend of an
// indicator's total over the months, the last month by breakdown value, the month by
// sub-territory. Pure functions, shared by the charts and the tables that stand for them.
import type { Currency, MonthlyReport, ReportDimension, ReportIndicator, ReportSeries, ReportUnit } from "../../api/types";

/** The indicators the dashboard follows, in the order it shows them (money once per currency). */
export const TREND_INDICATORS: readonly ReportIndicator[] = [
  "audiences",
  "home_visits_done",
  "cases_active",
  "aid_beneficiaries",
  "aid_amount",
];

/** One chart's data: a label per point, the values (null where suppressed), how to read them. */
export interface ChartData {
  indicator: ReportIndicator;
  unit: ReportUnit;
  currency: Currency | null;
  /** Month codes (trend), value codes (breakdown) or territory codes (sub-territories). */
  keys: string[];
  /** For value codes: the label the server gave (a programme's name); else null. */
  labels: (string | null)[];
  values: (number | null)[];
}

/**
 * The trend of each followed indicator's total over the series' months: one chart per
 * indicator, and for money one per currency present. An indicator the series lacks is left
 * out.
 */
export function trendCharts(series: ReportSeries): ChartData[] {
  const charts: ChartData[] = [];
  for (const indicator of TREND_INDICATORS) {
    for (const line of series.series) {
      if (line.indicator !== indicator || line.dimension !== null) continue;
      charts.push({
        indicator,
        unit: line.unit,
        currency: line.currency,
        keys: [...series.months],
        labels: series.months.map(() => null),
        values: series.months.map((_, i) => line.values[i] ?? null),
      });
    }
  }
  return charts;
}

/**
 * An indicator in the series' last month by the values of one breakdown (cases active by
 * category), largest first; null when the series has no such breakdown or no month.
 */
export function lastMonthBreakdown(
  series: ReportSeries,
  indicator: ReportIndicator,
  dimension: ReportDimension,
): ChartData | null {
  const last = series.months.length - 1;
  if (last < 0) return null;
  const lines = series.series.filter((line) => line.indicator === indicator && line.dimension === dimension);
  if (lines.length === 0) return null;
  const points = lines
    .map((line) => ({ key: line.value_code ?? "", label: line.label, value: line.values[last] ?? null }))
    .sort((a, b) => (b.value ?? -1) - (a.value ?? -1));
  return {
    indicator,
    unit: lines[0].unit,
    currency: lines[0].currency,
    keys: points.map((p) => p.key),
    labels: points.map((p) => p.label),
    values: points.map((p) => p.value),
  };
}

/**
 * An indicator's total in the report's month by sub-territory, in the report's order; null for
 * a community (no sub-territories) or an indicator the report lacks.
 */
export function bySubTerritory(
  report: MonthlyReport,
  indicator: ReportIndicator,
  currency: Currency | null = null,
): ChartData | null {
  if (report.sub_territories.length === 0) return null;
  const total = report.figures.find(
    (f) => f.indicator === indicator && f.dimension === null && (currency === null || f.currency === currency),
  );
  if (!total) return null;
  const byCode = new Map(total.by_territory.map((entry) => [entry.code, entry.value]));
  return {
    indicator,
    unit: total.unit,
    currency: total.currency,
    keys: report.sub_territories.map((s) => s.code),
    labels: report.sub_territories.map((s) => s.name),
    values: report.sub_territories.map((s) => byCode.get(s.code) ?? null),
  };
}

/** A value as the chart's axis plots it: money in major units (bani to lei), else as is. */
export function plotted(value: number | null, unit: ReportUnit): number | null {
  if (value === null) return null;
  return unit === "money" ? value / 100 : value;
}
