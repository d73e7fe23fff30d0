import { useState, type FormEvent } from "react";
import { reassignCase } from "../../api/cases";
import type { Case } from "../../api/types";
import { ErrorSummary, SelectField, StaleVersionAlert, fieldError, useSaveForm } from "../../components/forms";
import { useI18n } from "../../i18n/i18n";
import { useSession } from "../session/session";
import { useCaseWorkers } from "./workers";

/**
 * "Reassign": gives the case to another worker of its community. The caller may always take it
 * over themselves (a head of service), even when the community's workers cannot be listed.
 */
export function ReassignForm({
  record,
  onChanged,
  onReload,
}: {
  record: Case;
  onChanged: (next: Case, message: string) => void;
  onReload: () => void;
}) {
  const { t } = useI18n();
  const { user } = useSession();
  const workers = useCaseWorkers(record.community_code).filter((w) => w.id !== record.assigned_worker.id && w.id !== user?.id);
  const offerMe = !!user && user.id !== record.assigned_worker.id;
  const [worker, setWorker] = useState("");
  const { error, busy, formRef, stale, attempt } = useSaveForm();

  if (!offerMe && workers.length === 0) return null;

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!worker) return;
    await attempt(async () => {
      const next = await reassignCase(record.id, record.version, worker);
      onChanged(next, t("cases.reassigned", { name: next.assigned_worker.display_name }));
      setWorker("");
    });
  }

  return (
    <form ref={formRef} className="filter-bar no-print" onSubmit={(e) => void submit(e)} noValidate>
      {stale ? <StaleVersionAlert message={t("cases.staleVersion")} onReload={onReload} /> : null}
      <SelectField
        label={t("cases.reassignTo")}
        name="worker_id"
        value={worker}
        error={fieldError(error, "worker_id", t)}
        onChange={(e) => setWorker(e.target.value)}
      >
        <option value="">{t("cases.choose")}</option>
        {offerMe && user ? <option value={user.id}>{t("cases.workerMe", { name: user.display_name })}</option> : null}
        {workers.map((w) => (
          <option key={w.id} value={w.id}>
            {w.display_name}
          </option>
        ))}
      </SelectField>
      <div className="field">
        <button type="submit" className="button-secondary" disabled={busy || !worker}>
          {t("cases.reassign")}
        </button>
      </div>
      <ErrorSummary error={stale ? null : error} form={formRef} />
    </form>
  );
}
