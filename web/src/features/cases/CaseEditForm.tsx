import { useId, useState, type FormEvent } from "react";
import { updateCase } from "../../api/cases";
import type { Case, CaseCategory, CaseChanges, RiskLevel } from "../../api/types";
import { ErrorSummary, SelectField, StaleVersionAlert, fieldError, useSaveForm } from "../../components/forms";
import { useI18n } from "../../i18n/i18n";
import { codeLabel } from "./labels";
import { CheckboxField, TextAreaField, clientProblem, problemKey } from "./parts";
import { CATEGORIES, RISK_LEVELS, caseProblem } from "./rules";

/** "Edit the case": its category, risk level, reason for opening and confidentiality. */
export function CaseEditForm({
  record,
  onSaved,
  onCancel,
  onReload,
}: {
  record: Case;
  onSaved: (next: Case) => void;
  onCancel: () => void;
  onReload: () => void;
}) {
  const { t } = useI18n();
  const titleId = useId();
  const [category, setCategory] = useState<CaseCategory | "">(record.category ?? "");
  const [risk, setRisk] = useState<RiskLevel | "">(record.risk_level ?? "");
  const [reason, setReason] = useState(record.opening_reason ?? "");
  const [confidential, setConfidential] = useState(!!record.confidential);
  const { error, setError, busy, formRef, summaryRef, stale, attempt } = useSaveForm();

  async function submit(event: FormEvent) {
    event.preventDefault();
    const problem = caseProblem({ category, risk_level: risk, opening_reason: reason });
    if (problem) {
      setError(clientProblem(problem, t(problemKey(problem.problem))));
      return;
    }
    const changes: CaseChanges = {};
    if (category !== record.category) changes.category = category;
    if (risk !== record.risk_level) changes.risk_level = risk;
    if (reason.trim() !== (record.opening_reason ?? "")) changes.opening_reason = reason.trim();
    if (confidential !== !!record.confidential) changes.confidential = confidential;
    if (Object.keys(changes).length === 0) {
      onCancel();
      return;
    }
    await attempt(async () => {
      onSaved(await updateCase(record.id, record.version, changes));
    });
  }

  return (
    <form className="inline-form no-print" ref={formRef} onSubmit={(e) => void submit(e)} noValidate aria-labelledby={titleId}>
      <h2 id={titleId}>{t("cases.edit")}</h2>
      {stale ? <StaleVersionAlert message={t("cases.staleVersion")} onReload={onReload} /> : null}
      <div className="form-grid">
        <SelectField
          label={t("cases.field.category")}
          name="category"
          required
          value={category}
          error={fieldError(error, "category", t)}
          onChange={(e) => setCategory(e.target.value as CaseCategory | "")}
        >
          <option value="">{t("cases.choose")}</option>
          {CATEGORIES.map((c) => (
            <option key={c} value={c}>
              {codeLabel("category", c, t)}
            </option>
          ))}
        </SelectField>
        <SelectField
          label={t("cases.field.risk_level")}
          name="risk_level"
          required
          value={risk}
          error={fieldError(error, "risk_level", t)}
          onChange={(e) => setRisk(e.target.value as RiskLevel | "")}
        >
          <option value="">{t("cases.choose")}</option>
          {RISK_LEVELS.map((r) => (
            <option key={r} value={r}>
              {codeLabel("risk", r, t)}
            </option>
          ))}
        </SelectField>
      </div>
      <TextAreaField
        label={t("cases.field.opening_reason")}
        name="opening_reason"
        required
        maxLength={4000}
        value={reason}
        error={fieldError(error, "opening_reason", t)}
        onChange={(e) => setReason(e.target.value)}
      />
      <CheckboxField label={t("cases.confidentialCheck")} name="confidential" checked={confidential} onChange={setConfidential} />
      <div className="actions">
        <button type="submit" disabled={busy}>
          {busy ? t("common.saving") : t("common.save")}
        </button>
        <button type="button" className="button-secondary" onClick={onCancel}>
          {t("common.cancel")}
        </button>
      </div>
      <ErrorSummary error={stale ? null : error} form={formRef} summaryRef={summaryRef} />
    </form>
  );
}
