// Money as the API carries it: an integer number of minor units (bani, kopiykas, cents) of the
// programme's currency. Amounts typed by a user are read as decimal text and converted by
// string arithmetic, never through a binary fraction, so "19.99" is 1999 and not 1998.
import type { Currency, Language } from "../../api/types";
import { intlLocale } from "../../i18n/format";

/** Minor units per major unit is 10^MINOR_DIGITS for every currency a programme may use. */
export const MINOR_DIGITS: Record<Currency, number> = { RON: 2, MDL: 2, UAH: 2, MKD: 2, EUR: 2 };

/** The largest amount accepted, in minor units: below 2^53, so that every value is exact. */
export const MAX_MINOR = 999_999_999_999_99;

export type MoneyProblem = "empty" | "invalid" | "negative" | "too_precise" | "too_large";
export type MoneyParse = { ok: true; minor: number } | { ok: false; problem: MoneyProblem };

/** The character a language writes between the units and the fraction ("," in Romanian). */
export function decimalSeparator(language: Language): string {
  const part = new Intl.NumberFormat(intlLocale(language)).formatToParts(1.5).find((p) => p.type === "decimal");
  return part?.value ?? ".";
}

/**
 * Reads an amount typed in `language` ("1 500,50", "1,500.50", "1500.5", "1500") as minor units
 * of `currency`. Spaces and apostrophes group digits; with both "." and "," the last one is the
 * decimal mark; with one of them only, it is the decimal mark when followed by at most the
 * currency's minor digits, or when it is the language's own decimal mark, else it groups
 * thousands (then every group must have three digits).
 */
export function parseMoney(text: string, currency: Currency, language: Language): MoneyParse {
  const digits = MINOR_DIGITS[currency] ?? 2;
  let s = text.trim().replace(/[\s\u00a0\u202f'’]/g, "");
  if (s === "") return { ok: false, problem: "empty" };
  if (s.startsWith("-") || s.startsWith("−")) return { ok: false, problem: "negative" };
  if (s.startsWith("+")) s = s.slice(1);
  if (!/^[0-9.,]+$/.test(s) || !/[0-9]/.test(s)) return { ok: false, problem: "invalid" };

  const lastDot = s.lastIndexOf(".");
  const lastComma = s.lastIndexOf(",");
  let decimalMark: string | null = null;
  if (lastDot >= 0 && lastComma >= 0) {
    decimalMark = lastDot > lastComma ? "." : ",";
  } else if (lastDot >= 0 || lastComma >= 0) {
    const mark = lastDot >= 0 ? "." : ",";
    const occurrences = s.split(mark).length - 1;
    const after = s.length - s.lastIndexOf(mark) - 1;
    if (occurrences === 1 && (after !== 3 || mark === decimalSeparator(language))) decimalMark = mark;
  }

  let whole = s;
  let fraction = "";
  if (decimalMark !== null) {
    const at = s.lastIndexOf(decimalMark);
    whole = s.slice(0, at);
    fraction = s.slice(at + 1);
    if (/[.,]/.test(fraction)) return { ok: false, problem: "invalid" };
  }
  const group = decimalMark === "." ? "," : decimalMark === "," ? "." : null;
  if (/[.,]/.test(whole)) {
    // What is left are thousands separators: one kind, groups of exactly three digits.
    const groups = group ? whole.split(group) : whole.split(/[.,]/);
    if (group && whole.includes(decimalMark ?? "")) return { ok: false, problem: "invalid" };
    if (!group && whole.includes(".") && whole.includes(",")) return { ok: false, problem: "invalid" };
    if (groups[0] === "" || groups[0].length > 3 || groups.slice(1).some((g) => g.length !== 3)) {
      return { ok: false, problem: "invalid" };
    }
    whole = groups.join("");
  }
  if (whole === "") whole = "0";
  if (!/^[0-9]+$/.test(whole) || (fraction !== "" && !/^[0-9]+$/.test(fraction))) {
    return { ok: false, problem: "invalid" };
  }
  if (decimalMark !== null && fraction === "") return { ok: false, problem: "invalid" };
  if (fraction.length > digits) return { ok: false, problem: "too_precise" };

  const text10 = (whole.replace(/^0+(?=[0-9])/, "") + fraction.padEnd(digits, "0")).replace(/^0+(?=[0-9])/, "");
  if (text10.length > String(MAX_MINOR).length) return { ok: false, problem: "too_large" };
  const minor = Number(text10);
  if (minor > MAX_MINOR) return { ok: false, problem: "too_large" };
  return { ok: true, minor };
}

/** Minor units as an exact decimal string ("142000" → "1420.00"), for Intl and for editing. */
export function minorToDecimal(minor: number, currency: Currency): string {
  const digits = MINOR_DIGITS[currency] ?? 2;
  const negative = minor < 0;
  const abs = String(Math.abs(Math.trunc(minor))).padStart(digits + 1, "0");
  const whole = abs.slice(0, abs.length - digits);
  const fraction = abs.slice(abs.length - digits);
  return `${negative ? "-" : ""}${whole}${digits > 0 ? `.${fraction}` : ""}`;
}

/**
 * An amount in the reader's language with the currency ("1.420,00 MDL", "MDL 1,420.00"). The
 * exact decimal string goes to Intl, which formats it without a binary fraction in between.
 */
export function formatMoney(minor: number | null | undefined, currency: Currency, language: Language): string {
  if (minor === null || minor === undefined) return "";
  const digits = MINOR_DIGITS[currency] ?? 2;
  const format = new Intl.NumberFormat(intlLocale(language), {
    style: "currency",
    currency,
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
  return format.format(minorToDecimal(minor, currency) as `${number}`);
}

/** Minor units as text to put back in an input, in the language's decimal mark ("1500,00"). */
export function moneyInputText(minor: number | null | undefined, currency: Currency, language: Language): string {
  if (minor === null || minor === undefined) return "";
  const text = minorToDecimal(minor, currency);
  return decimalSeparator(language) === "," ? text.replace(".", ",") : text;
}
