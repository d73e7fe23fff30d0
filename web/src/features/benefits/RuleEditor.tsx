import { useId, useState } from "react";
import { ApiError } from "../../api/client";
import type { CaseCategory, Currency, DisabilityDegree, RuleKind } from "../../api/types";
import { SelectField, TextField, errorMessage } from "../../components/forms";
import { useI18n, type MessageKey } from "../../i18n/i18n";
import { CheckboxField } from "../cases/parts";
import { benefitLabel } from "./labels";
import { MoneyField } from "./parts";
import { CASE_CATEGORIES, DISABILITY_DEGREES, RULE_KINDS, emptyRule, ruleParameters, type RuleDraft } from "./rules";

/**
 * The eligibility rules of a programme as a list to edit: add a rule of a chosen kind, set its
 * parameters, remove it. A rule the server refused (field `rules[i]`) shows its error in its
 * own group, which is then marked invalid so that the focus goes there.
 */
export function RuleEditor({
  rules,
  currency,
  onChange,
  error,
}: {
  rules: RuleDraft[];
  currency: Currency;
  onChange: (rules: RuleDraft[]) => void;
  error: unknown;
}) {
  const { t } = useI18n();
  const [adding, setAdding] = useState<RuleKind>("income_per_member");
  const headingId = useId();
  const update = (i: number, changes: Partial<RuleDraft>) => onChange(rules.map((r, j) => (j === i ? { ...r, ...changes } : r)));
  const ruleError = (i: number) =>
    error instanceof ApiError && error.field && (error.field === `rules[${i}]` || error.field.startsWith(`rules[${i}].`))
      ? errorMessage(error, t)
      : undefined;

  return (
    <section className="rule-editor" aria-labelledby={headingId}>
      <h2 id={headingId}>{t("benefits.rulesTitle")}</h2>
      <p className="field-hint">{t("benefits.rulesHint")}</p>
      {rules.length === 0 ? <p className="empty-note">{t("benefits.noRules")}</p> : null}
      {rules.map((rule, i) => {
        const params = ruleParameters(rule.kind);
        const message = ruleError(i);
        // The server names the rule, not its parameter: the message goes under the rule's first
        // field (tied to it), and every field of the rule is marked invalid.
        const first = params[0];
        const errorOf = (name: (typeof params)[number]) => (name === first ? message : undefined);
        const invalid = message ? true : undefined;
        const number = (name: "min" | "max" | "under", key: MessageKey) => (
          <TextField
            label={t(key)}
            inputMode="numeric"
            value={rule[name]}
            onChange={(e) => update(i, { [name]: e.target.value })}
            error={errorOf(name)}
            aria-invalid={invalid}
          />
        );
        return (
          <fieldset key={i} className={`rule-row${message ? " field-invalid" : ""}`} data-testid="rule-row">
            <legend>{t("benefits.ruleLegend", { number: i + 1, kind: benefitLabel("rule", rule.kind, t) })}</legend>
            <div className="rule-params">
              {params.includes("min") ? number("min", rule.kind === "residence_months" ? "benefits.param.months" : "benefits.param.min") : null}
              {params.includes("max") ? number("max", "benefits.param.max") : null}
              {params.includes("under") ? number("under", "benefits.param.under") : null}
              {params.includes("maxMoney") ? (
                <MoneyField
                  label={t("benefits.param.maxIncome")}
                  currency={currency}
                  value={rule.maxMoney}
                  onChange={(text) => update(i, { maxMoney: text })}
                  error={errorOf("maxMoney")}
                />
              ) : null}
              {params.includes("minDegree") ? (
                <SelectField
                  label={t("benefits.param.minDegree")}
                  value={rule.minDegree}
                  onChange={(e) => update(i, { minDegree: e.target.value as DisabilityDegree })}
                  error={errorOf("minDegree")}
                >
                  {DISABILITY_DEGREES.map((d) => (
                    <option key={d} value={d}>
                      {t(`registry.disability.${d}`)}
                    </option>
                  ))}
                </SelectField>
              ) : null}
              {params.includes("categories") ? (
                <fieldset className="choice-row" aria-describedby={message ? `rule-${i}-error` : undefined}>
                  <legend>{t("benefits.param.categories")}</legend>
                  {CASE_CATEGORIES.map((c) => (
                    <CheckboxField
                      key={c}
                      label={t(`cases.category.${c}`)}
                      checked={rule.categories.includes(c)}
                      onChange={(on) =>
                        update(i, {
                          categories: on ? [...rule.categories, c] : rule.categories.filter((x): x is CaseCategory => x !== c),
                        })
                      }
                    />
                  ))}
                </fieldset>
              ) : null}
              <div className="field">
                <button type="button" className="button-secondary" onClick={() => onChange(rules.filter((_, j) => j !== i))}>
                  {t("benefits.removeRule", { number: i + 1 })}
                </button>
              </div>
            </div>
            {message && (first === undefined || first === "categories") ? (
              <p className="field-error" id={`rule-${i}-error`}>
                {message}
              </p>
            ) : null}
          </fieldset>
        );
      })}
      <div className="rule-params">
        <SelectField label={t("benefits.ruleKindToAdd")} value={adding} onChange={(e) => setAdding(e.target.value as RuleKind)}>
          {RULE_KINDS.map((kind) => (
            <option key={kind} value={kind}>
              {benefitLabel("rule", kind, t)}
            </option>
          ))}
        </SelectField>
        <div className="field">
          <button type="button" className="button-secondary" onClick={() => onChange([...rules, emptyRule(adding)])}>
            {t("benefits.addRule")}
          </button>
        </div>
      </div>
    </section>
  );
}
