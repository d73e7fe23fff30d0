import { useId, useState, type FormEvent } from "react";
import { updateCase } from "../../api/cases";
import type { Case, CaseChanges } from "../../api/types";
import { ErrorSummary, StaleVersionAlert, fieldError, useSaveForm } from "../../components/forms";
import { useI18n } from "../../i18n/i18n";
import { CaseFields } from "./CaseFields";
import { CheckboxField, clientProblem, problemKey } from "./parts";
import { caseProblem, type CaseFormState } from "./rules";

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
  const [form, setForm] = useState<CaseFormState>({
    category: record.category ?? "",
    risk_level: record.risk_level ?? "",
    opening_reason: record.opening_reason ?? "",
  });
  const [confidential, setConfidential] = useState(!!record.confidential);
  const { error, setError, busy, formRef, summaryRef, stale, attempt } = useSaveForm();

  async function submit(event: FormEvent) {
    event.preventDefault();
    const problem = caseProblem(form);
    if (problem) {
      setError(clientProblem(problem, t(problemKey(problem.problem))));
      return;
    }
    const changes: CaseChanges = {};
    if (form.category && form.category !== record.category) changes.category = form.category;
    if (form.risk_level && form.risk_level !== record.risk_level) changes.risk_level = form.risk_level;
    const reason = form.opening_reason.trim();
    if (reason !== (record.opening_reason ?? "")) changes.opening_reason = reason;
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
      <CaseFields value={form} onChange={setForm} error={(field) => fieldError(error, field, t)} />
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
