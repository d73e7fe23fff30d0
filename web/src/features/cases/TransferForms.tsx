// Moving a case to another community: the request (assigned worker or head of service of the
// sending community) and the decision of the receiving community's head, who gives the case
// to one of their workers or keeps it.
import { useId, useState, type FormEvent } from "react";
import { decideTransfer, requestTransfer } from "../../api/cases";
import type { Case } from "../../api/types";
import { ErrorSummary, SelectField, StaleVersionAlert, fieldError, useSaveForm } from "../../components/forms";
import { useI18n } from "../../i18n/i18n";
import { TerritoryChooser, type ChosenTerritory } from "../registry/TerritoryChooser";
import { useSession } from "../session/session";
import { TextAreaField, clientProblem, problemKey } from "./parts";
import { useCaseWorkers } from "./workers";

/** "Request a transfer": the receiving community, found by search, and why. */
export function TransferRequestForm({
  record,
  onDone,
  onCancel,
  onReload,
}: {
  record: Case;
  onDone: (next: Case) => void;
  onCancel: () => void;
  onReload: () => void;
}) {
  const { t } = useI18n();
  const titleId = useId();
  const [community, setCommunity] = useState<ChosenTerritory | null>(null);
  const [reason, setReason] = useState("");
  const { error, setError, busy, formRef, summaryRef, stale, attempt } = useSaveForm();

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!community) {
      setError(
        clientProblem({ field: "community_code", problem: "transfer_community_required" }, t(problemKey("transfer_community_required"))),
      );
      return;
    }
    await attempt(async () => {
      onDone(await requestTransfer(record.id, record.version, community.code, reason.trim() || undefined));
    });
  }

  return (
    <form className="inline-form no-print" ref={formRef} onSubmit={(e) => void submit(e)} noValidate aria-labelledby={titleId}>
      <h2 id={titleId}>{t("cases.requestTransfer")}</h2>
      <p className="field-hint">{t("cases.transferHint")}</p>
      {stale ? <StaleVersionAlert message={t("cases.staleVersion")} onReload={onReload} /> : null}
      <TerritoryChooser
        legend={t("cases.transferTo")}
        level="community"
        value={community}
        onChange={setCommunity}
        error={fieldError(error, "community_code", t)}
      />
      <TextAreaField
        label={t("cases.transferReason")}
        name="reason"
        maxLength={4000}
        value={reason}
        error={fieldError(error, "reason", t)}
        onChange={(e) => setReason(e.target.value)}
      />
      <div className="actions">
        <button type="submit" disabled={busy}>
          {busy ? t("common.saving") : t("cases.sendTransfer")}
        </button>
        <button type="button" className="button-secondary" onClick={onCancel}>
          {t("common.cancel")}
        </button>
      </div>
      <ErrorSummary error={stale ? null : error} form={formRef} summaryRef={summaryRef} />
    </form>
  );
}

/**
 * The receiving head's answer: accept, giving the case to a worker of the community (or keeping
 * it), or refuse; a comment either way.
 */
export function TransferDecisionForm({
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
  const colleagues = useCaseWorkers(record.transfer_request?.community_code).filter((w) => w.id !== user?.id);
  const [worker, setWorker] = useState("");
  const [comment, setComment] = useState("");
  const { error, busy, formRef, stale, attempt } = useSaveForm();

  async function decide(accept: boolean) {
    await attempt(async () => {
      const next = await decideTransfer(record.id, record.version, accept, {
        workerId: worker || undefined,
        comment: comment.trim() || undefined,
      });
      onChanged(next, accept ? t("cases.transferAccepted") : t("cases.transferRefused"));
    });
  }

  return (
    <form ref={formRef} className="no-print" onSubmit={(e) => e.preventDefault()} noValidate>
      {stale ? <StaleVersionAlert message={t("cases.staleVersion")} onReload={onReload} /> : null}
      <SelectField
        label={t("cases.transferWorker")}
        name="worker_id"
        value={worker}
        error={fieldError(error, "worker_id", t)}
        onChange={(e) => setWorker(e.target.value)}
      >
        <option value="">{t("cases.workerMe", { name: user?.display_name ?? "" })}</option>
        {colleagues.map((w) => (
          <option key={w.id} value={w.id}>
            {w.display_name}
          </option>
        ))}
      </SelectField>
      <TextAreaField
        label={t("cases.decisionComment")}
        name="comment"
        maxLength={4000}
        value={comment}
        error={fieldError(error, "comment", t)}
        onChange={(e) => setComment(e.target.value)}
      />
      <div className="actions">
        <button type="button" disabled={busy} onClick={() => void decide(true)}>
          {t("cases.acceptTransfer")}
        </button>
        <button type="button" className="button-secondary" disabled={busy} onClick={() => void decide(false)}>
          {t("cases.refuseTransfer")}
        </button>
      </div>
      <ErrorSummary error={stale ? null : error} form={formRef} />
    </form>
  );
}
