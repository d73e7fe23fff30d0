import { useEffect, useState, type FormEvent } from "react";
import { updateApplication } from "../../api/benefits";
import { getHousehold } from "../../api/registry";
import type { Application, Household } from "../../api/types";
import { ErrorSummary, StaleVersionAlert, TextField, fieldError, useSaveForm } from "../../components/forms";
import { useI18n } from "../../i18n/i18n";
import { CheckboxField, TextAreaField, clientProblem } from "../cases/parts";
import { problemKey } from "./labels";
import { moneyInputText } from "./money";
import { IncomeRowsEditor } from "./parts";
import { incomesOf, type IncomeRow } from "./rules";

/**
 * Corrects a submitted application (its income declaration, the documents brought, the date of
 * residence, the note); the server computes its eligibility again on save.
 */
export function ApplicationCorrection({
  application,
  onSaved,
  onStale,
}: {
  application: Application;
  onSaved: (saved: Application) => void;
  onStale: () => void;
}) {
  const { t, language } = useI18n();
  const c = application.programme.currency;
  const [open, setOpen] = useState(false);
  const [members, setMembers] = useState<Household["members"]>([]);
  const [incomes, setIncomes] = useState<IncomeRow[]>(() =>
    application.incomes.map((income) => ({
      personId: income.person_id ?? "",
      kind: income.kind,
      amount: moneyInputText(income.monthly_amount_minor, c, language),
    })),
  );
  const [provided, setProvided] = useState<Record<string, boolean>>(() =>
    Object.fromEntries(application.documents.map((d) => [d.name, d.provided])),
  );
  const [residentSince, setResidentSince] = useState(application.resident_since ?? "");
  const [note, setNote] = useState(application.note ?? "");
  const { error, setError, busy, formRef, summaryRef, stale, attempt } = useSaveForm();

  useEffect(() => {
    if (!open) return;
    let current = true;
    getHousehold(application.household_id).then(
      (household) => current && setMembers(household.members),
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [open, application.household_id]);

  async function save(event: FormEvent) {
    event.preventDefault();
    const declared = incomesOf(incomes, c, language);
    if (!declared.ok) {
      setError(clientProblem(declared.problem, t(problemKey(declared.problem.problem))));
      return;
    }
    await attempt(async () => {
      const saved = await updateApplication(application.id, application.version, {
        incomes: declared.value,
        documents: application.documents.map((d) => ({ name: d.name, provided: provided[d.name] ?? false })),
        resident_since: residentSince || null,
        note: note.trim() || null,
      });
      setOpen(false);
      onSaved(saved);
    });
  }

  if (!open) {
    return (
      <p>
        <button type="button" className="button-secondary" onClick={() => setOpen(true)}>
          {t("benefits.correct")}
        </button>
      </p>
    );
  }
  const err = (field: string) => fieldError(error, field, t);
  return (
    <form ref={formRef} className="card" onSubmit={(e) => void save(e)} noValidate aria-labelledby="correct-title">
      <h2 id="correct-title">{t("benefits.correct")}</h2>
      {stale ? <StaleVersionAlert message={t("benefits.staleApplication")} onReload={onStale} /> : null}
      <IncomeRowsEditor rows={incomes} onChange={setIncomes} members={members} currency={c} error={error} />
      {application.documents.length > 0 ? (
        <fieldset className="card">
          <legend>{t("benefits.documentsLegend")}</legend>
          {application.documents.map((d) => (
            <CheckboxField key={d.name} label={d.name} checked={provided[d.name] ?? false} onChange={(on) => setProvided({ ...provided, [d.name]: on })} />
          ))}
        </fieldset>
      ) : null}
      <TextField label={t("benefits.field.residentSince")} type="date" value={residentSince} onChange={(e) => setResidentSince(e.target.value)} error={err("resident_since")} />
      <TextAreaField label={t("benefits.field.note")} value={note} onChange={(e) => setNote(e.target.value)} error={err("note")} />
      <ErrorSummary error={error} form={formRef} summaryRef={summaryRef} />
      <div className="form-actions">
        <button type="submit" disabled={busy}>
          {t("benefits.saveCorrection")}
        </button>
        <button type="button" className="button-secondary" onClick={() => setOpen(false)}>
          {t("common.cancel")}
        </button>
      </div>
    </form>
  );
}
