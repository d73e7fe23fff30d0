// Locale-aware formatting of instants and numbers through Intl.
import type { Language } from "../api/types";

/** BCP 47 locale used for Intl formatting of each UI language. */
export function intlLocale(language: Language): string {
  return language === "en" ? "en-GB" : language;
}

export function formatDateTime(iso: string | null | undefined, language: Language): string {
  if (!iso) return "";
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(intlLocale(language), { dateStyle: "medium", timeStyle: "medium" }).format(date);
}

export function formatNumber(value: number, language: Language): string {
  return new Intl.NumberFormat(intlLocale(language)).format(value);
}

/**
 * First or last millisecond of a local calendar day given as `YYYY-MM-DD`, as an ISO 8601 UTC
 * instant for the audit filter (whose `from` and `to` are both inclusive); undefined for an
 * empty or malformed value.
 */
export function dayBoundary(day: string, edge: "start" | "end"): string | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return undefined;
  const [year, month, date] = [Number(match[1]), Number(match[2]) - 1, Number(match[3])];
  const local =
    edge === "start"
      ? new Date(year, month, date, 0, 0, 0, 0)
      : new Date(new Date(year, month, date + 1, 0, 0, 0, 0).getTime() - 1);
  if (Number.isNaN(local.getTime())) return undefined;
  return local.toISOString();
}
