// Eligibility in words: one sentence per rule outcome, in the reader's language, saying the
// value the rule compared, its limit and whether it passed ("Income per member MDL 1,420.00 ≤
// MDL 1,500.00: passes"). Each outcome carries its rule's parameters; one it lacks is taken from
// the programme's rule at the same place.
import type { Currency, EligibilityRule, Language, RuleOutcome } from "../../api/types";
import { formatNumber, intlLocale } from "../../i18n/format";
import { isMessageKey, type Translate } from "../../i18n/i18n";
import { formatMoney } from "./money";

type Bound = "both" | "min" | "max" | "none";

function numberOrNull(value: unknown): number | null {
  return typeof value === "number" && Number.isFinite(value) ? value : null;
}

function stringList(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === "string");
  return typeof value === "string" ? [value] : [];
}

function param(rule: EligibilityRule | undefined, name: string): unknown {
  return rule ? (rule as Record<string, unknown>)[name] : undefined;
}

/** Which bounds a range has, for the messages' `bound` select. */
function boundOf(min: number | null, max: number | null): Bound {
  if (min !== null && max !== null) return "both";
  if (min !== null) return "min";
  if (max !== null) return "max";
  return "none";
}

/** Case categories or degrees in words, joined as the language joins a list. */
function joinLabels(values: readonly string[], prefix: string, t: Translate, language: Language, type: "conjunction" | "disjunction"): string {
  const labels = values.map((v) => {
    const key = `${prefix}.${v}`;
    return isMessageKey(key) ? t(key) : v;
  });
  try {
    return new Intl.ListFormat(intlLocale(language), { style: "long", type }).format(labels);
  } catch {
    return labels.join(", ");
  }
}

function degree(value: unknown, t: Translate): string {
  const key = `registry.disability.${String(value)}`;
  return isMessageKey(key) ? t(key) : String(value);
}

/** The sentence for one outcome. `rule` is the programme's rule at the outcome's place. */
export function outcomeSentence(
  outcome: RuleOutcome,
  rule: EligibilityRule | undefined,
  currency: Currency,
  t: Translate,
  language: Language,
): string {
  const passed = outcome.passed ? "yes" : "no";
  const n = (value: number) => formatNumber(value, language);
  const value = outcome.value;
  switch (outcome.kind) {
    case "age":
    case "household_size":
    case "children": {
      const min = numberOrNull(outcome.min) ?? numberOrNull(param(rule, "min"));
      const max = numberOrNull(outcome.max) ?? numberOrNull(param(rule, "max"));
      const count = numberOrNull(value);
      const range = { bound: boundOf(min, max), min: min === null ? "" : n(min), max: max === null ? "" : n(max), passed };
      if (outcome.kind === "age") {
        return count === null
          ? t("benefits.outcome.ageUnknown", range)
          : t("benefits.outcome.age", { ...range, value: n(count) });
      }
      if (outcome.kind === "household_size") return t("benefits.outcome.household_size", { ...range, value: n(count ?? 0) });
      const under = numberOrNull(outcome.under) ?? numberOrNull(param(rule, "under")) ?? 18;
      return t("benefits.outcome.children", { ...range, value: n(count ?? 0), under: n(under) });
    }
    case "income_per_member": {
      const limit = numberOrNull(outcome.limit) ?? numberOrNull(outcome.max_minor) ?? numberOrNull(param(rule, "max_minor")) ?? 0;
      const income = numberOrNull(value);
      const limitText = formatMoney(limit, currency, language);
      return income === null
        ? t("benefits.outcome.incomeUnknown", { limit: limitText, passed })
        : t("benefits.outcome.income_per_member", { value: formatMoney(income, currency, language), limit: limitText, passed });
    }
    case "disability": {
      const limit = degree(outcome.min_degree ?? param(rule, "min_degree"), t);
      return typeof value === "string"
        ? t("benefits.outcome.disability", { value: degree(value, t), limit, passed })
        : t("benefits.outcome.disabilityNone", { limit, passed });
    }
    case "case_category": {
      const wanted = outcome.categories && outcome.categories.length > 0 ? outcome.categories : stringList(param(rule, "categories"));
      const limit = joinLabels(wanted, "cases.category", t, language, "disjunction");
      const found = stringList(value);
      return found.length > 0
        ? t("benefits.outcome.case_category", { value: joinLabels(found, "cases.category", t, language, "conjunction"), limit, passed })
        : t("benefits.outcome.caseCategoryNone", { limit, passed });
    }
    case "residence_months": {
      const limit = numberOrNull(outcome.min) ?? numberOrNull(param(rule, "min")) ?? 0;
      const months = numberOrNull(value);
      return months === null
        ? t("benefits.outcome.residenceUnknown", { limit: n(limit), passed })
        : t("benefits.outcome.residence_months", { value: n(months), limit: n(limit), passed });
    }
    case "not_paid_this_period":
      return t("benefits.outcome.not_paid_this_period", { passed });
    default:
      return t("benefits.outcome.other", { kind: String(outcome.kind), passed });
  }
}

/** A rule of a programme in words, as its page lists them ("Children under 18: at least 3"). */
export function ruleSentence(rule: EligibilityRule, currency: Currency, t: Translate, language: Language): string {
  const n = (value: number | null | undefined) => (value === null || value === undefined ? "" : formatNumber(value, language));
  switch (rule.kind) {
    case "age":
    case "household_size":
    case "children": {
      const min = rule.min ?? null;
      const max = rule.max ?? null;
      const range = { bound: boundOf(min, max), min: n(min), max: n(max) };
      if (rule.kind === "children") return t("benefits.ruleText.children", { ...range, under: n(rule.under ?? 18) });
      return t(rule.kind === "age" ? "benefits.ruleText.age" : "benefits.ruleText.household_size", range);
    }
    case "income_per_member":
      return t("benefits.ruleText.income_per_member", { limit: formatMoney(rule.max_minor, currency, language) });
    case "disability":
      return t("benefits.ruleText.disability", { limit: degree(rule.min_degree, t) });
    case "case_category":
      return t("benefits.ruleText.case_category", { limit: joinLabels(rule.categories, "cases.category", t, language, "disjunction") });
    case "residence_months":
      return t("benefits.ruleText.residence_months", { limit: n(rule.min) });
    case "not_paid_this_period":
      return t("benefits.ruleText.not_paid_this_period");
  }
}
