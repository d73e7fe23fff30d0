import { useState, type FormEvent } from "react";
import { Link, useNavigate, useParams } from "react-router-dom";
import { ApiError } from "../../api/client";
import { createProgramme, getProgramme, updateProgramme } from "../../api/benefits";
import type { AmountRule, BudgetPeriod, Currency, Programme, ProgrammeKind, ProgrammeStatus } from "../../api/types";
import {
  ErrorAlert,
  ErrorSummary,
  RequiredNote,
  SelectField,
  StaleVersionAlert,
  TextField,
  errorMessage,
  fieldError,
  useSaveForm,
} from "../../components/forms";
import { TerritoryName } from "../../components/TerritoryName";
import { TerritorySearch } from "../../components/TerritorySearch";
import { useRecord } from "../../components/useRecord";
import { usePageTitle } from "../../components/usePageTitle";
import { useI18n, type Translate } from "../../i18n/i18n";
import { TextAreaField, clientProblem } from "../cases/parts";
import { benefitLabel, problemKey } from "./labels";
import { MoneyField } from "./parts";
import { RuleEditor } from "./RuleEditor";
import {
  AMOUNT_RULES,
  BUDGET_PERIODS,
  CURRENCIES,
  EMPTY_PROGRAMME,
  PROGRAMME_KINDS,
  PROGRAMME_STATUSES,
  newProgrammeBody,
  programmeChanges,
  programmeFormOf,
  type ProgrammeForm,
} from "./rules";

/** The error of a field or of one item of a list field (`documents[2]`), if the API named it. */
function listFieldError(error: unknown, field: string, t: Translate): string | undefined {
  if (error instanceof ApiError && error.field && (error.field === field || error.field.startsWith(`${field}[`) || error.field.startsWith(`${field}.`))) {
    return errorMessage(error, t);
  }
  return undefined;
}

/** /benefits/programmes/new and /benefits/programmes/:id/edit (programme.manage). */
export function ProgrammeFormPage() {
  const { t } = useI18n();
  const { id } = useParams();
  const { record, loadError, reload } = useRecord(id, getProgramme, { resetOnChange: true });
  usePageTitle(id ? t("benefits.editProgramme") : t("benefits.newProgramme"));
  return (
    <section className="page" aria-labelledby="programme-form-title">
      <p>
        <Link to={id ? `/benefits/programmes/${encodeURIComponent(id)}` : "/benefits/programmes"}>
          {id ? t("benefits.backToProgramme") : t("benefits.backToProgrammes")}
        </Link>
      </p>
      <h1 id="programme-form-title">{id ? (record ? t("benefits.editTitle", { name: record.name }) : t("benefits.editProgramme")) : t("benefits.newProgramme")}</h1>
      <ErrorAlert message={loadError ? errorMessage(loadError, t) : null} />
      {!id ? <ProgrammeEditor programme={null} onReload={() => undefined} /> : null}
      {id && record ? <ProgrammeEditor key={`${record.id}:${record.version}`} programme={record} onReload={() => void reload()} /> : null}
    </section>
  );
}

function ProgrammeEditor({ programme, onReload }: { programme: Programme | null; onReload: () => void }) {
  const { t, language } = useI18n();
  const navigate = useNavigate();
  const [form, setForm] = useState<ProgrammeForm>(() => (programme ? programmeFormOf(programme, language) : EMPTY_PROGRAMME));
  const { error, setError, busy, formRef, summaryRef, stale, attempt } = useSaveForm();
  const set = (changes: Partial<ProgrammeForm>) => setForm((f) => ({ ...f, ...changes }));
  const err = (field: string) => fieldError(error, field, t);

  async function save(event: FormEvent) {
    event.preventDefault();
    if (!programme && !form.territory) {
      setError(clientProblem({ field: "territory_code", problem: "required" }, t(problemKey("required"))));
      return;
    }
    const body = programme ? programmeChanges(form, language) : newProgrammeBody(form, language);
    if (!body.ok) {
      setError(clientProblem(body.problem, t(problemKey(body.problem.problem))));
      return;
    }
    await attempt(async () => {
      const saved = programme
        ? await updateProgramme(programme.id, programme.version, body.value)
        : await createProgramme(body.value as Parameters<typeof createProgramme>[0]);
      void navigate(`/benefits/programmes/${encodeURIComponent(saved.id)}`, {
        state: { notice: programme ? t("benefits.programmeSaved") : t("benefits.programmeCreated", { name: saved.name }) },
      });
    });
  }

  return (
    <form ref={formRef} onSubmit={(e) => void save(e)} noValidate className="card" aria-label={t("benefits.programmeForm")}>
      {stale ? <StaleVersionAlert message={t("benefits.stale")} onReload={onReload} /> : null}
      <RequiredNote />
      {programme ? (
        <p>
          {t("benefits.field.territory")}: <strong>{programme.territory_name}</strong> · {t("benefits.field.currency")}:{" "}
          <strong>{programme.currency}</strong>
        </p>
      ) : (
        <TerritorySearch
          legend={t("benefits.field.territory")}
          value={form.territory}
          onChange={(territory) => set({ territory })}
          error={err("territory_code")}
          limit={50}
          delayMs={200}
          searchLabel={t("benefits.searchTerritory")}
          selectLabel={t("benefits.field.territory")}
          noneLabel={t("benefits.chooseTerritory")}
          optionLabel={(found) => TerritoryName.label(found, t)}
        />
      )}
      <div className="form-grid">
        <TextField label={t("benefits.field.name")} required maxLength={200} value={form.name} onChange={(e) => set({ name: e.target.value })} error={err("name")} />
        <SelectField label={t("benefits.field.kind")} required value={form.kind} onChange={(e) => set({ kind: e.target.value as ProgrammeKind })} error={err("kind")}>
          {PROGRAMME_KINDS.map((v) => (
            <option key={v} value={v}>
              {benefitLabel("kind", v, t)}
            </option>
          ))}
        </SelectField>
        {programme ? null : (
          <SelectField label={t("benefits.field.currency")} required value={form.currency} onChange={(e) => set({ currency: e.target.value as Currency })} error={err("currency")}>
            {CURRENCIES.map((v) => (
              <option key={v} value={v}>
                {v}
              </option>
            ))}
          </SelectField>
        )}
        <SelectField label={t("benefits.field.status")} value={form.status} onChange={(e) => set({ status: e.target.value as ProgrammeStatus })} error={err("status")}>
          {PROGRAMME_STATUSES.map((v) => (
            <option key={v} value={v}>
              {benefitLabel("status", v, t)}
            </option>
          ))}
        </SelectField>
      </div>
      <fieldset className="card">
        <legend>{t("benefits.amountLegend")}</legend>
        <div className="form-grid">
          <SelectField label={t("benefits.field.amountRule")} value={form.amountRule} onChange={(e) => set({ amountRule: e.target.value as AmountRule })} error={err("amount.rule")}>
            {AMOUNT_RULES.map((v) => (
              <option key={v} value={v}>
                {benefitLabel("amountRule", v, t)}
              </option>
            ))}
          </SelectField>
          <MoneyField
            label={t("benefits.field.amount")}
            required
            currency={form.currency}
            value={form.amount}
            onChange={(amount) => set({ amount })}
            error={listFieldError(error, "amount", t)}
          />
        </div>
        <p className="field-hint">{t(`benefits.amountRuleHint.${form.amountRule}`)}</p>
      </fieldset>
      <fieldset className="card">
        <legend>{t("benefits.budgetLegend")}</legend>
        <div className="form-grid">
          <SelectField label={t("benefits.field.budgetPeriod")} value={form.budgetPeriod} onChange={(e) => set({ budgetPeriod: e.target.value as BudgetPeriod })} error={err("budget_period")}>
            {BUDGET_PERIODS.map((v) => (
              <option key={v} value={v}>
                {benefitLabel("budgetPeriod", v, t)}
              </option>
            ))}
          </SelectField>
          <MoneyField label={t("benefits.field.budget")} required currency={form.currency} value={form.budget} onChange={(budget) => set({ budget })} error={err("budget_minor")} />
          <MoneyField
            label={t("benefits.field.fourEyes")}
            currency={form.currency}
            value={form.fourEyes}
            onChange={(fourEyes) => set({ fourEyes })}
            error={err("four_eyes_above_minor")}
          />
        </div>
        <p className="field-hint">{t("benefits.fourEyesHint")}</p>
      </fieldset>
      <RuleEditor rules={form.rules} currency={form.currency} onChange={(rules) => set({ rules })} error={error} />
      <fieldset className="card">
        <legend>{t("benefits.documentsLegend")}</legend>
        {form.documents.map((doc, i) => (
          <div key={i} className="document-row">
            <TextField
              label={t("benefits.documentNumber", { number: i + 1 })}
              value={doc}
              maxLength={200}
              onChange={(e) => set({ documents: form.documents.map((d, j) => (j === i ? e.target.value : d)) })}
              error={err(`documents[${i}]`)}
            />
            <div className="field">
              <button type="button" className="button-secondary" onClick={() => set({ documents: form.documents.filter((_, j) => j !== i) })}>
                {t("benefits.removeDocument", { number: i + 1 })}
              </button>
            </div>
          </div>
        ))}
        <button type="button" className="button-secondary" onClick={() => set({ documents: [...form.documents, ""] })}>
          {t("benefits.addDocument")}
        </button>
      </fieldset>
      <TextAreaField label={t("benefits.field.description")} value={form.description} onChange={(e) => set({ description: e.target.value })} error={err("description")} />
      <ErrorSummary error={error} form={formRef} summaryRef={summaryRef} />
      <div className="form-actions">
        <button type="submit" disabled={busy}>
          {programme ? t("benefits.saveProgramme") : t("benefits.createProgramme")}
        </button>
      </div>
    </form>
  );
}
