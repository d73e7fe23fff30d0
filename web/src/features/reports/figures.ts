// The monthly report's figures as the screens show them: grouped into sections, each indicator's
// total with its breakdowns beneath, values in the reader's language (money with its currency,
// a suppressed value as "<threshold"), the change against an earlier month, and the address of
// the records behind a figure. Pure functions: no React, no requests.
import type { FigureRef } from "../../api/reports";
import type {
  Currency,
  Language,
  ReportDimension,
  ReportFigure,
  ReportIndicator,
  ReportSection,
  ReportSuppression,
  ReportUnit,
} from "../../api/types";
import { formatNumber, intlLocale } from "../../i18n/format";
import { formatMoney } from "../benefits/money";

/** The sections in the order of docs/reports-api.md; a section a newer server adds goes last. */
export const SECTIONS: readonly ReportSection[] = ["contacts", "screening", "cases", "referrals", "services", "benefits"];

export const INDICATORS: readonly ReportIndicator[] = [
  "audiences",
  "phone_calls",
  "home_visits_done",
  "home_visits_missed",
  "meetings",
  "persons_served",
  "households_served",
  "households_screened",
  "households_vulnerable",
  "cases_opened",
  "cases_closed",
  "cases_active",
  "plan_actions_overdue",
  "referrals",
  "enrolments_started",
  "enrolments_active",
  "waiting",
  "longest_wait_days",
  "applications",
  "decisions_approved",
  "decisions_rejected",
  "aid_beneficiaries",
  "aid_amount",
  "cards_issued",
];

export const DIMENSIONS: readonly ReportDimension[] = [
  "reason",
  "flag",
  "category",
  "risk_level",
  "agency",
  "service_type",
  "answer",
  "programme",
];

export const CURRENCIES: readonly Currency[] = ["RON", "MDL", "UAH", "MKD", "EUR"];

/** One breakdown of an indicator: the values of one dimension, as the report lists them. */
export interface Breakdown {
  dimension: ReportDimension;
  figures: ReportFigure[];
}

/** An indicator's total (one per currency for money) and its breakdowns. */
export interface IndicatorRow {
  /** Stable across renders: the indicator, and the currency for money. */
  key: string;
  total: ReportFigure;
  breakdowns: Breakdown[];
}

export interface SectionGroup {
  section: ReportSection;
  rows: IndicatorRow[];
}

const rowKey = (figure: Pick<ReportFigure, "indicator" | "currency">) =>
  figure.currency ? `${figure.indicator}:${figure.currency}` : figure.indicator;

/**
 * The report's figures by section (in SECTIONS order), each indicator's total followed by its
 * breakdowns in the order the report gives them. A breakdown figure whose total is missing (a
 * server that left it out) still gets a row, with a total that has no values, so that nothing
 * the server sent is dropped.
 */
export function groupFigures(figures: readonly ReportFigure[]): SectionGroup[] {
  const rows = new Map<string, IndicatorRow>();
  const sections = new Map<ReportSection, IndicatorRow[]>();
  const rowOf = (figure: ReportFigure): IndicatorRow => {
    const key = rowKey(figure);
    let row = rows.get(key);
    if (!row) {
      const total: ReportFigure =
        figure.dimension === null
          ? figure
          : { ...figure, dimension: null, value_code: null, label: null, value: null, previous: null, last_year: null, by_territory: [] };
      row = { key, total, breakdowns: [] };
      rows.set(key, row);
      const list = sections.get(figure.section) ?? [];
      list.push(row);
      sections.set(figure.section, list);
    }
    return row;
  };
  for (const figure of figures) {
    const row = rowOf(figure);
    if (figure.dimension === null) {
      row.total = figure;
      continue;
    }
    let breakdown = row.breakdowns.find((b) => b.dimension === figure.dimension);
    if (!breakdown) {
      breakdown = { dimension: figure.dimension, figures: [] };
      row.breakdowns.push(breakdown);
    }
    breakdown.figures.push(figure);
  }
  const order = (section: ReportSection) => {
    const at = SECTIONS.indexOf(section);
    return at < 0 ? SECTIONS.length : at;
  };
  return [...sections.entries()]
    .sort(([a], [b]) => order(a) - order(b))
    .map(([section, list]) => ({ section, rows: list }));
}

/** What a cell shows: a value in the reader's language, or the suppressed mark. */
export type Cell = { kind: "value"; text: string } | { kind: "suppressed"; text: string; threshold: number | null };

/**
 * A figure's value as text: a count or days as a number, money with its currency; null (a
 * suppressed value) as "<threshold" ("<5"), or "<" alone when the answer named no threshold.
 */
export function cellOf(
  value: number | null,
  unit: ReportUnit,
  currency: Currency | null,
  suppression: ReportSuppression,
  language: Language,
): Cell {
  if (value === null) {
    const threshold = suppression?.threshold ?? null;
    return { kind: "suppressed", text: threshold === null ? "<" : `<${formatNumber(threshold, language)}`, threshold };
  }
  return { kind: "value", text: formatValue(value, unit, currency, language) };
}

/** A value that is known: money with its currency, else a number. */
export function formatValue(value: number, unit: ReportUnit, currency: Currency | null, language: Language): string {
  if (unit === "money" && currency) return formatMoney(value, currency, language);
  return formatNumber(value, language);
}

/** How a value compares with an earlier one; null when either is suppressed. */
export interface Change {
  delta: number;
  /** The change as a fraction of the earlier value; null when that was 0. */
  ratio: number | null;
}

export function changeOf(current: number | null, earlier: number | null): Change | null {
  if (current === null || earlier === null) return null;
  const delta = current - earlier;
  return { delta, ratio: earlier === 0 ? null : delta / earlier };
}

/** A change as signed text: "+3 (+33 %)", "−2 (−20 %)", "0"; money as money. */
export function formatChange(change: Change, unit: ReportUnit, currency: Currency | null, language: Language): string {
  if (change.delta === 0) return formatNumber(0, language);
  const sign = change.delta > 0 ? "+" : "−";
  const amount = `${sign}${formatValue(Math.abs(change.delta), unit, currency, language)}`;
  if (change.ratio === null) return amount;
  const percent = new Intl.NumberFormat(intlLocale(language), {
    style: "percent",
    maximumFractionDigits: 0,
    signDisplay: "always",
  }).format(change.ratio);
  return `${amount} (${percent.replace("-", "−")})`;
}

/** The address of the records behind a figure: /reports/records?territory&month&indicator&… */
export function drillDownPath(ref: FigureRef): string {
  const params = new URLSearchParams();
  params.set("territory", ref.territory);
  params.set("month", ref.month);
  params.set("indicator", ref.indicator);
  if (ref.dimension) params.set("dimension", ref.dimension);
  if (ref.dimension && ref.value_code) params.set("value_code", ref.value_code);
  if (ref.currency) params.set("currency", ref.currency);
  return `/reports/records?${params.toString()}`;
}

/** The figure a drill-down address names; null when it is incomplete or names no indicator. */
export function figureRefFrom(params: URLSearchParams): FigureRef | null {
  const territory = params.get("territory") ?? "";
  const month = params.get("month") ?? "";
  const indicator = params.get("indicator") ?? "";
  if (!territory || !isMonth(month) || !(INDICATORS as readonly string[]).includes(indicator)) return null;
  const dimension = params.get("dimension");
  const valueCode = params.get("value_code");
  const currency = params.get("currency");
  const ref: FigureRef = { territory, month, indicator: indicator as ReportIndicator };
  if (dimension && (DIMENSIONS as readonly string[]).includes(dimension)) {
    ref.dimension = dimension as ReportDimension;
    if (valueCode) ref.value_code = valueCode;
  }
  if (currency && (CURRENCIES as readonly string[]).includes(currency)) ref.currency = currency as Currency;
  return ref;
}

/** A figure as the DHIS2 dry run names it, e.g. "audiences/reason=housing" or "aid_amount[RON]". */
export interface FigureKey {
  indicator: ReportIndicator;
  dimension: ReportDimension | null;
  value_code: string | null;
  currency: Currency | null;
}

/** Reads a figure's name in the dry run's form; null for a form this app does not know. */
export function parseFigureKey(text: string): FigureKey | null {
  const match = /^([a-z_]+)(?:\/([a-z_]+)=([^[\]]+))?(?:\[([A-Z]{3})\])?$/.exec(text);
  if (!match) return null;
  const [, indicator, dimension, valueCode, currency] = match;
  if (!(INDICATORS as readonly string[]).includes(indicator)) return null;
  if (dimension && !(DIMENSIONS as readonly string[]).includes(dimension)) return null;
  if (currency && !(CURRENCIES as readonly string[]).includes(currency)) return null;
  return {
    indicator: indicator as ReportIndicator,
    dimension: (dimension as ReportDimension | undefined) ?? null,
    value_code: valueCode ?? null,
    currency: (currency as Currency | undefined) ?? null,
  };
}

// Months, as `YYYY-MM` in the local calendar.

export function isMonth(text: string): boolean {
  return /^\d{4}-(0[1-9]|1[0-2])$/.test(text);
}

export function monthOf(date: Date): string {
  return `${String(date.getFullYear()).padStart(4, "0")}-${String(date.getMonth() + 1).padStart(2, "0")}`;
}

/** The month `delta` months after `month` (before, for a negative delta). */
export function addMonths(month: string, delta: number): string {
  const [year, m] = month.split("-").map(Number);
  const index = year * 12 + (m - 1) + delta;
  return `${String(Math.floor(index / 12)).padStart(4, "0")}-${String((index % 12) + 1).padStart(2, "0")}`;
}

/** The month a report opens on: the last complete one. */
export function defaultReportMonth(today: Date): string {
  return addMonths(monthOf(today), -1);
}

/** True for a month after the current one, which has no report yet. */
export function isFutureMonth(month: string, today: Date): boolean {
  return month > monthOf(today);
}

/** A month the way the language writes it in numbers: "10.2026", "2026-10", "10/2026". */
export function formatMonth(month: string, language: Language): string {
  if (!isMonth(month)) return month;
  const [year, m] = month.split("-");
  if (language === "lt") return `${year}-${m}`;
  if (language === "en") return `${m}/${year}`;
  return `${m}.${year}`;
}
