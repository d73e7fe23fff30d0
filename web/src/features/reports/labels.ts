// The user's-language names of the report's sections, indicators and breakdowns. A breakdown
// value is the code of the room it comes from, so it reads as that room's screens name it (a
// case category as on a case); a programme, or a flag a questionnaire defines, by the label the
// report gives; a code no catalogue knows (a newer server) as it came.
import type { ReportDimension, ReportFigure, ReportIndicator, ReportRecord, ReportSection } from "../../api/types";
import { isMessageKey, type Translate } from "../../i18n/i18n";

export function sectionLabel(section: ReportSection, t: Translate): string {
  const key = `reports.section.${section}`;
  return isMessageKey(key) ? t(key) : section;
}

export function indicatorLabel(indicator: ReportIndicator, t: Translate): string {
  const key = `reports.indicator.${indicator}`;
  return isMessageKey(key) ? t(key) : indicator;
}

/** "By category", "By risk level", … */
export function dimensionLabel(dimension: ReportDimension, t: Translate): string {
  const key = `reports.dimension.${dimension}`;
  return isMessageKey(key) ? t(key) : dimension;
}

/** Where the other rooms keep the names of a dimension's codes. */
const VALUE_LISTS: Partial<Record<ReportDimension, string>> = {
  reason: "cases.reason",
  category: "cases.category",
  risk_level: "cases.risk",
  agency: "cases.agency",
  answer: "cases.answer",
  service_type: "services.type",
};

/** The name of one breakdown value ("Child at risk", "Day centre", a programme's name). */
export function breakdownValueLabel(
  figure: Pick<ReportFigure, "dimension" | "value_code" | "label">,
  t: Translate,
): string {
  const code = figure.value_code ?? "";
  const list = figure.dimension ? VALUE_LISTS[figure.dimension] : undefined;
  if (list) {
    const key = `${list}.${code}`;
    if (isMessageKey(key)) return t(key);
  }
  const own = `reports.value.${code}`;
  if (isMessageKey(own)) return t(own);
  return figure.label || code;
}

/** A figure by name: the indicator, then the breakdown value ("Cases opened: Child at risk"). */
export function figureLabel(
  figure: Pick<ReportFigure, "indicator" | "dimension" | "value_code" | "label" | "currency">,
  t: Translate,
): string {
  const name = indicatorLabel(figure.indicator, t);
  const withCurrency = figure.currency ? t("reports.inCurrency", { name, currency: figure.currency }) : name;
  if (!figure.dimension) return withCurrency;
  return t("reports.figureWithValue", { name: withCurrency, value: breakdownValueLabel(figure, t) });
}

/** Where the catalogue names a record's `detail` and `label` codes, by the record's kind. */
const RECORD_LISTS: Partial<Record<ReportRecord["kind"], { detail?: string; label?: string }>> = {
  contact: { detail: "cases.contactKind", label: "cases.reason" },
  case: { detail: "cases.category", label: "cases.risk" },
  plan_action: { detail: "cases.agency" },
  referral: { detail: "cases.answer" },
  enrolment: { detail: "services.state" },
};

function codeIn(list: string | undefined, code: string | null, t: Translate): string {
  if (!code) return "";
  const key = `${list}.${code}`;
  return list && isMessageKey(key) ? t(key) : code;
}

/**
 * What a record of the drill-down is about, in words: its detail and label, each named as the
 * room's screens name its code (a contact's kind and reason, a case's category and risk), or as
 * it came (a service's or a programme's name).
 */
export function recordDescription(record: Pick<ReportRecord, "kind" | "detail" | "label">, t: Translate): string {
  const lists = RECORD_LISTS[record.kind] ?? {};
  return [codeIn(lists.detail, record.detail, t), codeIn(lists.label, record.label, t)].filter(Boolean).join(" — ");
}
