// Locale-aware formatting of instants and numbers through Intl.
import type { Language } from "../api/types";

/** BCP 47 locale used for Intl formatting of each UI language. */
export function intlLocale(language: Language): string {
  return language === "en" ? "en-GB" : language;
}

/**
 * How each UI language writes a numeric date. Dates are built here from the calendar fields
 * instead of through Intl.DateTimeFormat, whose output depends on the browser having the
 * locale's data: Chromium has none for Macedonian and silently printed Romanian month names.
 */
const DATE_PATTERNS: Record<Language, (day: string, month: string, year: string) => string> = {
  ro: (d, m, y) => `${d}.${m}.${y}`,
  uk: (d, m, y) => `${d}.${m}.${y}`,
  mk: (d, m, y) => `${d}.${m}.${y}`,
  ru: (d, m, y) => `${d}.${m}.${y}`,
  lt: (d, m, y) => `${y}-${m}-${d}`,
  en: (d, m, y) => `${d}/${m}/${y}`,
};

const pad = (value: number, width = 2) => String(value).padStart(width, "0");

/** A local calendar date in the language's numeric form ("23.11.2026", "2026-11-23"). */
export function formatLocalDate(date: Date, language: Language): string {
  const pattern = DATE_PATTERNS[language] ?? DATE_PATTERNS.en;
  return pattern(pad(date.getDate()), pad(date.getMonth() + 1), pad(date.getFullYear(), 4));
}

/** A calendar date `YYYY-MM-DD` (a birth date: not an instant, so no time-zone shift) in the
 * language's numeric form; anything else as given. */
export function formatCalendarDate(date: string | null | undefined, language: Language): string {
  if (!date) return "";
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) return date;
  const pattern = DATE_PATTERNS[language] ?? DATE_PATTERNS.en;
  return pattern(match[3], match[2], match[1]);
}

/** An instant in local time: the numeric date, then 24-hour time ("23.11.2026 15:59:25"). */
export function formatDateTime(iso: string | null | undefined, language: Language): string {
  if (!iso) return "";
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const time = `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
  return `${formatLocalDate(date, language)} ${time}`;
}

export function formatNumber(value: number, language: Language): string {
  return new Intl.NumberFormat(intlLocale(language)).format(value);
}

/** A share 0..1 as a percentage with at most one decimal ("99,7 %" in Romanian, "99.7%" in English). */
export function formatPercent(share: number, language: Language): string {
  return new Intl.NumberFormat(intlLocale(language), { style: "percent", maximumFractionDigits: 1 }).format(share);
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
