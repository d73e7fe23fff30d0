// The benefits screens' own logic, free of React: the coded values the forms offer, the
// programme form and its rule editor turned into the API's body (money read exactly from
// decimal text), the income declaration of an application, months, and the queue of decisions
// awaiting another person's approval.
import type {
  AmountRule,
  ApplicationState,
  BudgetPeriod,
  CaseCategory,
  Currency,
  Decision,
  DecisionState,
  DisabilityDegree,
  EligibilityRule,
  IncomeInput,
  IncomeKind,
  Language,
  NewProgramme,
  Programme,
  ProgrammeChanges,
  ProgrammeKind,
  ProgrammeStatus,
  RuleKind,
} from "../../api/types";
import { moneyInputText, parseMoney, type MoneyProblem } from "./money";

export const PROGRAMME_KINDS: readonly ProgrammeKind[] = ["monthly_aid", "one_off_grant", "heating_aid", "large_family_card", "other"];
export const CURRENCIES: readonly Currency[] = ["MDL", "RON", "UAH", "MKD", "EUR"];
export const PROGRAMME_STATUSES: readonly ProgrammeStatus[] = ["draft", "open", "closed"];
export const AMOUNT_RULES: readonly AmountRule[] = ["fixed", "per_member", "top_up"];
export const BUDGET_PERIODS: readonly BudgetPeriod[] = ["month", "year"];
export const RULE_KINDS: readonly RuleKind[] = [
  "age",
  "household_size",
  "children",
  "income_per_member",
  "disability",
  "case_category",
  "residence_months",
  "not_paid_this_period",
];
export const INCOME_KINDS: readonly IncomeKind[] = ["salary", "pension", "allowance", "agriculture", "self_employment", "alimony", "other"];
export const APPLICATION_STATES: readonly ApplicationState[] = ["submitted", "decided", "withdrawn"];
export const DECISION_STATES: readonly DecisionState[] = ["awaiting_approval", "active", "suspended", "ended", "rejected"];
export const DISABILITY_DEGREES: readonly DisabilityDegree[] = ["mild", "moderate", "severe", "profound"];
export const CASE_CATEGORIES: readonly CaseCategory[] = [
  "child_at_risk",
  "family_in_crisis",
  "elderly_alone",
  "disability",
  "poverty",
  "domestic_violence",
  "large_family",
  "other",
];

/** A form's own finding, named by the API field it is about (as a 400 would name it). */
export interface FormProblem {
  field: string;
  problem: MoneyProblem | "invalid_number" | "required";
}

// ---- Rules -------------------------------------------------------------------------------

/** One rule as its editor holds it: every parameter as typed text. */
export interface RuleDraft {
  kind: RuleKind;
  min: string;
  max: string;
  under: string;
  maxMoney: string;
  minDegree: DisabilityDegree;
  categories: CaseCategory[];
}

export function emptyRule(kind: RuleKind): RuleDraft {
  return { kind, min: "", max: "", under: kind === "children" ? "18" : "", maxMoney: "", minDegree: "moderate", categories: [] };
}

/** Which parameters the editor shows for a rule kind. */
export function ruleParameters(kind: RuleKind): readonly ("min" | "max" | "under" | "maxMoney" | "minDegree" | "categories")[] {
  switch (kind) {
    case "age":
    case "household_size":
      return ["min", "max"];
    case "children":
      return ["min", "max", "under"];
    case "income_per_member":
      return ["maxMoney"];
    case "disability":
      return ["minDegree"];
    case "case_category":
      return ["categories"];
    case "residence_months":
      return ["min"];
    case "not_paid_this_period":
      return [];
  }
}

/** A whole number ≥ 0 typed in a field: undefined when empty, null when not a number. */
export function parseCount(text: string): number | undefined | null {
  const s = text.trim();
  if (s === "") return undefined;
  if (!/^[0-9]{1,6}$/.test(s)) return null;
  return Number(s);
}

export function ruleDraftOf(rule: EligibilityRule, currency: Currency, language: Language): RuleDraft {
  const draft = emptyRule(rule.kind);
  const count = (value: number | null | undefined) => (value === null || value === undefined ? "" : String(value));
  switch (rule.kind) {
    case "age":
    case "household_size":
      return { ...draft, min: count(rule.min), max: count(rule.max) };
    case "children":
      return { ...draft, min: count(rule.min), max: count(rule.max), under: count(rule.under ?? 18) };
    case "income_per_member":
      return { ...draft, maxMoney: moneyInputText(rule.max_minor, currency, language) };
    case "disability":
      return { ...draft, minDegree: rule.min_degree };
    case "case_category":
      return { ...draft, categories: [...rule.categories] };
    case "residence_months":
      return { ...draft, min: count(rule.min) };
    case "not_paid_this_period":
      return draft;
  }
}

export type Converted<T> = { ok: true; value: T } | { ok: false; problem: FormProblem };

/** The API's rule from its draft; `field` is `rules[i]`, as the server names a bad rule. */
export function ruleOf(draft: RuleDraft, field: string, currency: Currency, language: Language): Converted<EligibilityRule> {
  const fail = (problem: FormProblem["problem"]): Converted<EligibilityRule> => ({ ok: false, problem: { field, problem } });
  const min = parseCount(draft.min);
  const max = parseCount(draft.max);
  const under = parseCount(draft.under);
  switch (draft.kind) {
    case "age":
    case "household_size": {
      if (min === null || max === null) return fail("invalid_number");
      const rule: { kind: "age" | "household_size"; min?: number; max?: number } = { kind: draft.kind };
      if (min !== undefined) rule.min = min;
      if (max !== undefined) rule.max = max;
      return { ok: true, value: rule };
    }
    case "children": {
      if (min === null || max === null || under === null || under === 0) return fail("invalid_number");
      const rule: { kind: "children"; min?: number; max?: number; under: number } = { kind: "children", under: under ?? 18 };
      if (min !== undefined) rule.min = min;
      if (max !== undefined) rule.max = max;
      return { ok: true, value: rule };
    }
    case "income_per_member": {
      const money = parseMoney(draft.maxMoney, currency, language);
      if (!money.ok) return fail(money.problem === "empty" ? "required" : money.problem);
      return { ok: true, value: { kind: "income_per_member", max_minor: money.minor } };
    }
    case "disability":
      return { ok: true, value: { kind: "disability", min_degree: draft.minDegree } };
    case "case_category":
      if (draft.categories.length === 0) return fail("required");
      return { ok: true, value: { kind: "case_category", categories: [...draft.categories] } };
    case "residence_months":
      if (min === undefined) return fail("required");
      if (min === null) return fail("invalid_number");
      return { ok: true, value: { kind: "residence_months", min } };
    case "not_paid_this_period":
      return { ok: true, value: { kind: "not_paid_this_period" } };
  }
}

// ---- Programme form ----------------------------------------------------------------------

export interface ProgrammeForm {
  territory: { code: string; name: string } | null;
  name: string;
  kind: ProgrammeKind;
  currency: Currency;
  status: ProgrammeStatus;
  amountRule: AmountRule;
  amount: string;
  budgetPeriod: BudgetPeriod;
  budget: string;
  fourEyes: string;
  documents: string[];
  description: string;
  rules: RuleDraft[];
}

export const EMPTY_PROGRAMME: ProgrammeForm = {
  territory: null,
  name: "",
  kind: "monthly_aid",
  currency: "MDL",
  status: "draft",
  amountRule: "fixed",
  amount: "",
  budgetPeriod: "month",
  budget: "",
  fourEyes: "",
  documents: [],
  description: "",
  rules: [],
};

export function programmeFormOf(programme: Programme, language: Language): ProgrammeForm {
  const c = programme.currency;
  return {
    territory: { code: programme.territory_code, name: programme.territory_name },
    name: programme.name,
    kind: programme.kind,
    currency: c,
    status: programme.status,
    amountRule: programme.amount.rule,
    amount: moneyInputText(programme.amount.amount_minor, c, language),
    budgetPeriod: programme.budget_period,
    budget: moneyInputText(programme.budget_minor, c, language),
    fourEyes: moneyInputText(programme.four_eyes_above_minor, c, language),
    documents: [...programme.documents],
    description: programme.description ?? "",
    rules: programme.rules.map((rule) => ruleDraftOf(rule, c, language)),
  };
}

/**
 * The fields a create and a change share, read from the form; the first finding (a money text
 * that is no amount, a rule parameter that is no number) names its API field.
 */
export function programmeFields(form: ProgrammeForm, language: Language): Converted<Required<Omit<ProgrammeChanges, "status">>> {
  const c = form.currency;
  const amount = parseMoney(form.amount, c, language);
  if (!amount.ok) return { ok: false, problem: { field: "amount.amount_minor", problem: amount.problem === "empty" ? "required" : amount.problem } };
  const budget = parseMoney(form.budget, c, language);
  if (!budget.ok) return { ok: false, problem: { field: "budget_minor", problem: budget.problem === "empty" ? "required" : budget.problem } };
  let fourEyes: number | null = null;
  if (form.fourEyes.trim() !== "") {
    const parsed = parseMoney(form.fourEyes, c, language);
    if (!parsed.ok) return { ok: false, problem: { field: "four_eyes_above_minor", problem: parsed.problem } };
    fourEyes = parsed.minor;
  }
  const rules: EligibilityRule[] = [];
  for (const [i, draft] of form.rules.entries()) {
    const rule = ruleOf(draft, `rules[${i}]`, c, language);
    if (!rule.ok) return rule;
    rules.push(rule.value);
  }
  return {
    ok: true,
    value: {
      name: form.name.trim(),
      kind: form.kind,
      amount: { rule: form.amountRule, amount_minor: amount.minor },
      budget_period: form.budgetPeriod,
      budget_minor: budget.minor,
      four_eyes_above_minor: fourEyes,
      rules,
      documents: form.documents.map((d) => d.trim()).filter((d) => d !== ""),
      description: form.description.trim() === "" ? null : form.description.trim(),
    },
  };
}

export function newProgrammeBody(form: ProgrammeForm, language: Language): Converted<NewProgramme> {
  const fields = programmeFields(form, language);
  if (!fields.ok) return fields;
  return {
    ok: true,
    value: { ...fields.value, territory_code: form.territory?.code ?? "", currency: form.currency, status: form.status },
  };
}

export function programmeChanges(form: ProgrammeForm, language: Language): Converted<ProgrammeChanges> {
  const fields = programmeFields(form, language);
  if (!fields.ok) return fields;
  return { ok: true, value: { ...fields.value, status: form.status } };
}

// ---- Applications ------------------------------------------------------------------------

/** One row of an income declaration: who (empty: the household as a whole), kind, amount. */
export interface IncomeRow {
  personId: string;
  kind: IncomeKind;
  amount: string;
}

export function incomesOf(rows: readonly IncomeRow[], currency: Currency, language: Language): Converted<IncomeInput[]> {
  const incomes: IncomeInput[] = [];
  for (const [i, row] of rows.entries()) {
    const money = parseMoney(row.amount, currency, language);
    if (!money.ok) {
      return { ok: false, problem: { field: `incomes[${i}].monthly_amount_minor`, problem: money.problem === "empty" ? "required" : money.problem } };
    }
    incomes.push({ person_id: row.personId || null, kind: row.kind, monthly_amount_minor: money.minor });
  }
  return { ok: true, value: incomes };
}

// ---- Months ------------------------------------------------------------------------------

const pad = (n: number) => String(n).padStart(2, "0");

/** The month of a local date, `YYYY-MM`. */
export function monthOf(date: Date): string {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}`;
}

/** `month` moved by `count` months (negative: back). */
export function addMonths(month: string, count: number): string {
  const [y, m] = month.split("-").map(Number);
  const index = y * 12 + (m - 1) + count;
  return `${Math.floor(index / 12)}-${pad((index % 12) + 1)}`;
}

export function isMonth(text: string): boolean {
  return /^[0-9]{4}-(0[1-9]|1[0-2])$/.test(text);
}

// ---- Decisions ---------------------------------------------------------------------------

/**
 * The decisions waiting for a second approval that this user may give: every one awaiting
 * approval but those they decided themselves (the server refuses those with
 * decision.same_approver).
 */
export function awaitingMyApproval(decisions: readonly Decision[], userId: string): Decision[] {
  return decisions.filter((d) => d.state === "awaiting_approval" && d.decided_by.id !== userId);
}

/** What a move of a decision asks for: a reason (reject, suspend, end) and a month (end). */
export function transitionNeeds(from: DecisionState, to: DecisionState): { reason: boolean; month: boolean } {
  return {
    reason: to === "rejected" || to === "suspended" || to === "ended",
    month: to === "ended" && from !== "awaiting_approval",
  };
}

/** The name of a move, for its button: second approval, resume, reject, suspend, end. */
export function transitionAction(from: DecisionState, to: DecisionState): "approve" | "resume" | "reject" | "suspend" | "end" {
  if (to === "active") return from === "awaiting_approval" ? "approve" : "resume";
  if (to === "rejected") return "reject";
  if (to === "suspended") return "suspend";
  return "end";
}
