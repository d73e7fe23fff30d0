// Pieces the benefits screens share: state badges in words, a money field that reads decimal
// text in the programme's currency, the eligibility of a household explained rule by rule, and
// the choice of a household through one of its members.
import { useState, type InputHTMLAttributes } from "react";
import { ApiError } from "../../api/client";
import { getPerson } from "../../api/registry";
import type { ApplicationState, Currency, DecisionState, Eligibility, EligibilityRule, Household, IncomeKind } from "../../api/types";
import { SelectField, TextField, errorMessage, fieldError } from "../../components/forms";
import { formatCalendarDate, formatNumber } from "../../i18n/format";
import { useI18n } from "../../i18n/i18n";
import { PersonPicker } from "../registry/PersonPicker";
import { benefitLabel } from "./labels";
import { formatMoney, moneyInputText } from "./money";
import { outcomeSentence } from "./outcomes";
import { INCOME_KINDS, type IncomeRow } from "./rules";
// The registry's and the cases' styles hold the shared record, badge, list and form rules.
import "../registry/registry.css";
import "../cases/cases.css";
import "./benefits.css";

export function ApplicationStateBadge({ state }: { state: ApplicationState }) {
  const { t } = useI18n();
  return <span className={`badge state-badge application-state-${state}`}>{benefitLabel("applicationState", state, t)}</span>;
}

export function DecisionStateBadge({ state }: { state: DecisionState }) {
  const { t } = useI18n();
  return <span className={`badge state-badge decision-state-${state}`}>{benefitLabel("decisionState", state, t)}</span>;
}

/** An amount in the reader's language with its currency. */
export function Money({ minor, currency }: { minor: number | null | undefined; currency: Currency }) {
  const { language } = useI18n();
  return <span className="money">{formatMoney(minor, currency, language)}</span>;
}

interface MoneyFieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, "onChange"> {
  label: string;
  currency: Currency;
  value: string;
  onChange: (text: string) => void;
  error?: string;
}

/** A text field for an amount, with the currency and a typed example in its hint ("In MDL, for example 1500,50"). */
export function MoneyField({ label, currency, value, onChange, error, ...input }: MoneyFieldProps) {
  const { t, language } = useI18n();
  return (
    <TextField
      {...input}
      label={label}
      value={value}
      inputMode="decimal"
      autoComplete="off"
      onChange={(e) => onChange(e.target.value)}
      error={error}
      hint={t("benefits.moneyHint", { currency, example: moneyInputText(150050, currency, language) })}
    />
  );
}

/**
 * A household's eligibility: eligible or not, the amount per month, one sentence per rule with
 * a mark that is never the only sign, and the facts the rules looked at.
 */
export function EligibilityView({
  eligibility,
  rules,
  currency,
}: {
  eligibility: Eligibility;
  rules: readonly EligibilityRule[];
  currency: Currency;
}) {
  const { t, language } = useI18n();
  const facts = eligibility.facts;
  const n = (value: number | null | undefined) => (value === null || value === undefined ? t("benefits.unknown") : formatNumber(value, language));
  return (
    <div className="eligibility" data-testid="eligibility">
      <p>
        <span className={`badge ${eligibility.eligible ? "verdict-eligible" : "verdict-not-eligible"}`} data-testid="eligibility-verdict">
          {eligibility.eligible ? t("benefits.eligible") : t("benefits.notEligible")}
        </span>{" "}
        {t("benefits.eligibilityMonth", { month: eligibility.month })}
        {eligibility.eligible ? (
          <>
            {" · "}
            {t("benefits.amountPerMonth", { amount: formatMoney(eligibility.amount_minor, currency, language) })}
          </>
        ) : null}
      </p>
      {eligibility.outcomes.length === 0 ? (
        <p className="empty-note">{t("benefits.noRules")}</p>
      ) : (
        <ul className="outcome-list" aria-label={t("benefits.outcomesLabel")}>
          {eligibility.outcomes.map((outcome, i) => (
            <li key={i} className={outcome.passed ? "outcome-passed" : "outcome-failed"} data-testid="outcome">
              <span className="outcome-mark" aria-hidden="true">
                {outcome.passed ? "✓" : "✗"}
              </span>
              <span>{outcomeSentence(outcome, rules[outcome.index ?? i], currency, t, language)}</span>
            </li>
          ))}
        </ul>
      )}
      <dl className="record">
        <dt>{t("benefits.fact.members")}</dt>
        <dd>{n(facts.members)}</dd>
        <dt>{t("benefits.fact.children")}</dt>
        <dd>{n(facts.children)}</dd>
        <dt>{t("benefits.fact.applicantAge")}</dt>
        <dd>{n(facts.applicant_age)}</dd>
        <dt>{t("benefits.fact.monthlyIncome")}</dt>
        <dd>{facts.monthly_income_minor === null ? t("benefits.noIncomeDeclared") : formatMoney(facts.monthly_income_minor, currency, language)}</dd>
        <dt>{t("benefits.fact.incomePerMember")}</dt>
        <dd>{facts.income_per_member_minor === null ? t("benefits.unknown") : formatMoney(facts.income_per_member_minor, currency, language)}</dd>
        <dt>{t("benefits.fact.residentSince")}</dt>
        <dd>{facts.resident_since ? formatCalendarDate(facts.resident_since, language) : t("benefits.unknown")}</dd>
      </dl>
    </div>
  );
}

/**
 * Finds a household through one of its members (the registry search), since households are
 * known by their people: picks the member's household, or says the person has none.
 */
export function HouseholdFinder({ onPick, label }: { onPick: (householdId: string, name: string) => void; label?: string }) {
  const { t } = useI18n();
  const [error, setError] = useState<string | null>(null);
  return (
    <div>
      <PersonPicker
        label={label ?? t("benefits.findHousehold")}
        exclude={[]}
        pickLabel={t("benefits.pickHousehold")}
        pickLabelNamed={(name) => t("benefits.pickHouseholdOf", { name })}
        error={error ?? undefined}
        onPick={(hit) => {
          setError(null);
          getPerson(hit.id).then(
            (person) => {
              if (person.household_id) onPick(person.household_id, `${person.given_name} ${person.family_name}`);
              else setError(t("benefits.noHousehold"));
            },
            (caught: unknown) => setError(errorMessage(caught, t)),
          );
        }}
      />
    </div>
  );
}

/**
 * An income declaration as rows to edit: who earns it (a member, or the household as a whole),
 * the kind and the amount per month. Errors the API names (`incomes[i].person_id`, ...) show on
 * their row's field.
 */
export function IncomeRowsEditor({
  rows,
  onChange,
  members,
  currency,
  error,
}: {
  rows: IncomeRow[];
  onChange: (rows: IncomeRow[]) => void;
  members: readonly Household["members"][number][];
  currency: Currency;
  error: unknown;
}) {
  const { t } = useI18n();
  const set = (i: number, changes: Partial<IncomeRow>) => onChange(rows.map((r, j) => (j === i ? { ...r, ...changes } : r)));
  const err = (field: string) => fieldError(error, field, t);
  // A problem with the row as a whole (`incomes[i]`) goes under its amount.
  const rowError = (i: number) =>
    error instanceof ApiError && error.field === `incomes[${i}]` ? errorMessage(error, t) : undefined;
  return (
    <fieldset className="card">
      <legend>{t("benefits.incomesLegend")}</legend>
      <p className="field-hint">{t("benefits.incomesHint")}</p>
      {rows.map((row, i) => (
        <div key={i} className="income-row" data-testid="income-row">
          <SelectField
            label={t("benefits.incomeMember", { number: i + 1 })}
            value={row.personId}
            onChange={(e) => set(i, { personId: e.target.value })}
            error={err(`incomes[${i}].person_id`)}
          >
            <option value="">{t("benefits.wholeHousehold")}</option>
            {members.map((m) => (
              <option key={m.person_id} value={m.person_id}>
                {m.given_name} {m.family_name}
              </option>
            ))}
          </SelectField>
          <SelectField
            label={t("benefits.incomeKind", { number: i + 1 })}
            value={row.kind}
            onChange={(e) => set(i, { kind: e.target.value as IncomeKind })}
            error={err(`incomes[${i}].kind`)}
          >
            {INCOME_KINDS.map((k) => (
              <option key={k} value={k}>
                {benefitLabel("income", k, t)}
              </option>
            ))}
          </SelectField>
          <MoneyField
            label={t("benefits.incomeAmount", { number: i + 1 })}
            currency={currency}
            value={row.amount}
            onChange={(amount) => set(i, { amount })}
            error={err(`incomes[${i}].monthly_amount_minor`) ?? rowError(i)}
          />
          <div className="field">
            <button type="button" className="button-secondary" onClick={() => onChange(rows.filter((_, j) => j !== i))}>
              {t("benefits.removeIncome", { number: i + 1 })}
            </button>
          </div>
        </div>
      ))}
      <button type="button" className="button-secondary" onClick={() => onChange([...rows, { personId: "", kind: "salary", amount: "" }])}>
        {t("benefits.addIncome")}
      </button>
      {err("incomes") ? <p className="field-error">{err("incomes")}</p> : null}
    </fieldset>
  );
}
