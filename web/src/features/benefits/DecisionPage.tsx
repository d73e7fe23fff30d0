import { useState, type FormEvent } from "react";
import { Link, useLocation, useParams } from "react-router-dom";
import { changeDecisionState, getDecision } from "../../api/benefits";
import type { Decision, DecisionState } from "../../api/types";
import {
  ErrorAlert,
  ErrorSummary,
  Notice,
  StaleVersionAlert,
  TextField,
  errorMessage,
  fieldError,
  useSaveForm,
} from "../../components/forms";
import { useFocusOnMessage } from "../../components/useFocusOnMessage";
import { useRecord } from "../../components/useRecord";
import { usePageTitle } from "../../components/usePageTitle";
import { formatDateTime, formatNumber } from "../../i18n/format";
import { useI18n } from "../../i18n/i18n";
import { TextAreaField, clientProblem } from "../cases/parts";
import { useSession } from "../session/session";
import { benefitLabel, problemKey } from "./labels";
import { DecisionStateBadge, Money } from "./parts";
import { monthOf, transitionAction, transitionNeeds } from "./rules";

/**
 * /benefits/decisions/:id: the decision (outcome, amount, months, total, period), who decided
 * and who gave the second approval, and the moves the server offers now (allowed_transitions):
 * the second approval, a rejection, suspending, resuming, ending with the last month paid.
 */
export function DecisionPage() {
  const { t, language } = useI18n();
  const { id = "" } = useParams();
  const location = useLocation();
  const { user, permissions } = useSession();
  const { record, setRecord, loadError, reload } = useRecord(id, getDecision, { resetOnChange: true });
  const [notice, setNotice] = useState<string | null>(() => (location.state as { notice?: string } | null)?.notice ?? null);
  const noticeRef = useFocusOnMessage<HTMLDivElement>(notice);
  const [moving, setMoving] = useState<DecisionState | null>(null);
  usePageTitle(record ? t("benefits.decisionOf", { name: record.household_name }) : t("benefits.decisionsTitle"));

  return (
    <section className="page" aria-labelledby="decision-title">
      <p>
        <Link to="/benefits/decisions">{t("benefits.backToDecisions")}</Link>
      </p>
      <ErrorAlert message={loadError ? errorMessage(loadError, t) : null} />
      {record ? (
        <>
          <div className="page-header">
            <h1 id="decision-title">{t("benefits.decisionOf", { name: record.household_name })}</h1>
            <span data-testid="decision-state">
              <DecisionStateBadge state={record.state} />
            </span>
          </div>
          <div ref={noticeRef} tabIndex={-1}>
            <Notice message={notice} />
          </div>
          <section className="card" aria-label={t("benefits.factsTitle")}>
            <dl className="record">
              <dt>{t("benefits.field.programme")}</dt>
              <dd>
                <Link to={`/benefits/programmes/${encodeURIComponent(record.programme.id)}`}>{record.programme.name}</Link>
              </dd>
              <dt>{t("benefits.field.household")}</dt>
              <dd>
                <Link to={`/registry/households/${encodeURIComponent(record.household_id)}`}>{record.household_name}</Link>
              </dd>
              <dt>{t("benefits.field.application")}</dt>
              <dd>
                <Link to={`/benefits/applications/${encodeURIComponent(record.application_id)}`}>{t("benefits.openApplication")}</Link>
              </dd>
              <dt>{t("benefits.field.outcome")}</dt>
              <dd>{benefitLabel("outcome", record.outcome, t)}</dd>
              {record.outcome === "approved" ? (
                <>
                  <dt>{t("benefits.field.amountPerMonth")}</dt>
                  <dd>
                    <Money minor={record.amount_minor} currency={record.programme.currency} />
                  </dd>
                  <dt>{t("benefits.col.months")}</dt>
                  <dd>{formatNumber(record.months, language)}</dd>
                  <dt>{t("benefits.col.total")}</dt>
                  <dd data-testid="decision-total">
                    <Money minor={record.total_minor} currency={record.programme.currency} />
                  </dd>
                </>
              ) : null}
              <dt>{t("benefits.field.period")}</dt>
              <dd>{t("benefits.periodText", { from: record.period_from, to: record.period_to })}</dd>
              {record.reason ? (
                <>
                  <dt>{t("benefits.field.reason")}</dt>
                  <dd className="pre-line">{record.reason}</dd>
                </>
              ) : null}
              <dt>{t("benefits.field.decidedBy")}</dt>
              <dd data-testid="decided-by">
                {record.decided_by.display_name} · {formatDateTime(record.decided_at, language)}
              </dd>
              <dt>{t("benefits.field.secondApprover")}</dt>
              <dd data-testid="second-approver">
                {record.second_approver
                  ? `${record.second_approver.display_name} · ${formatDateTime(record.second_approved_at, language)}`
                  : record.state === "awaiting_approval"
                    ? t("benefits.awaitingSecond")
                    : t("benefits.none")}
              </dd>
              {record.ended_on_month ? (
                <>
                  <dt>{t("benefits.field.lastMonthPaid")}</dt>
                  <dd>{record.ended_on_month}</dd>
                </>
              ) : null}
            </dl>
          </section>
          {record.state === "awaiting_approval" && user && record.decided_by.id === user.id ? (
            <p className="alert alert-info">{t("benefits.ownDecision")}</p>
          ) : null}
          {permissions.has("benefit.work") && record.allowed_transitions.length > 0 ? (
            <section className="card" aria-labelledby="moves-title">
              <h2 id="moves-title">{t("benefits.movesTitle")}</h2>
              <div className="state-buttons">
                {record.allowed_transitions.map((to) => (
                  <button
                    key={to}
                    type="button"
                    className={to === "active" ? "" : "button-secondary"}
                    aria-expanded={moving === to}
                    onClick={() => {
                      setNotice(null);
                      setMoving(moving === to ? null : to);
                    }}
                  >
                    {t(`benefits.move.${transitionAction(record.state, to)}`)}
                  </button>
                ))}
              </div>
              {moving ? (
                <TransitionForm
                  key={moving}
                  decision={record}
                  to={moving}
                  onMoved={(saved) => {
                    setMoving(null);
                    setRecord(saved);
                    setNotice(t("benefits.moved", { state: benefitLabel("decisionState", saved.state, t) }));
                  }}
                  onCancel={() => setMoving(null)}
                  onStale={() => void reload()}
                />
              ) : null}
            </section>
          ) : null}
        </>
      ) : null}
    </section>
  );
}

function TransitionForm({
  decision,
  to,
  onMoved,
  onCancel,
  onStale,
}: {
  decision: Decision;
  to: DecisionState;
  onMoved: (saved: Decision) => void;
  onCancel: () => void;
  onStale: () => void;
}) {
  const { t } = useI18n();
  const needs = transitionNeeds(decision.state, to);
  const action = transitionAction(decision.state, to);
  const [reason, setReason] = useState("");
  const [month, setMonth] = useState(() => {
    const now = monthOf(new Date());
    return now < decision.period_from ? decision.period_from : now > decision.period_to ? decision.period_to : now;
  });
  const { error, setError, busy, formRef, summaryRef, stale, attempt } = useSaveForm();

  async function move(event: FormEvent) {
    event.preventDefault();
    if (needs.reason && !reason.trim()) {
      setError(clientProblem({ field: "reason", problem: "required" }, t(problemKey("required"))));
      return;
    }
    await attempt(async () =>
      onMoved(
        await changeDecisionState(decision.id, decision.version, {
          to,
          reason: needs.reason ? reason.trim() : null,
          month: needs.month ? month : null,
        }),
      ),
    );
  }

  return (
    <form ref={formRef} className="inline-form" onSubmit={(e) => void move(e)} noValidate aria-label={t(`benefits.move.${action}`)}>
      {stale ? <StaleVersionAlert message={t("benefits.staleDecision")} onReload={onStale} /> : null}
      {action === "approve" ? <p>{t("benefits.secondApprovalNote")}</p> : null}
      {needs.reason ? (
        <TextAreaField label={t("benefits.field.reason")} required value={reason} onChange={(e) => setReason(e.target.value)} error={fieldError(error, "reason", t)} />
      ) : null}
      {needs.month ? (
        <TextField
          label={t("benefits.field.lastMonthPaid")}
          type="month"
          value={month}
          min={decision.period_from}
          max={decision.period_to}
          onChange={(e) => setMonth(e.target.value)}
          error={fieldError(error, "month", t)}
        />
      ) : null}
      <ErrorSummary error={error} form={formRef} summaryRef={summaryRef} />
      <div className="form-actions">
        <button type="submit" disabled={busy}>
          {t(`benefits.confirm.${action}`)}
        </button>
        <button type="button" className="button-secondary" onClick={onCancel}>
          {t("common.cancel")}
        </button>
      </div>
    </form>
  );
}
