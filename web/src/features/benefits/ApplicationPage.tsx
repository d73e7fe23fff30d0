import { useEffect, useState, type FormEvent } from "react";
import { Link, useLocation, useNavigate, useParams } from "react-router-dom";
import { decideApplication, getApplication, getProgramme, withdrawApplication } from "../../api/benefits";
import type { Application, DecisionOutcome, EligibilityRule } from "../../api/types";
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
import { formatCalendarDate, formatDateTime } from "../../i18n/format";
import { useI18n } from "../../i18n/i18n";
import { TextAreaField, clientProblem } from "../cases/parts";
import { useSession } from "../session/session";
import { ApplicationCorrection } from "./ApplicationCorrection";
import { benefitLabel, problemKey } from "./labels";
import { moneyInputText, parseMoney } from "./money";
import { ApplicationStateBadge, EligibilityView, Money, MoneyField } from "./parts";

/**
 * /benefits/applications/:id: the application, its eligibility explained as computed when
 * recorded, and while submitted the decision (approve with amount and period, or reject with a
 * reason) and the withdrawal.
 */
export function ApplicationPage() {
  const { t, language } = useI18n();
  const { id = "" } = useParams();
  const location = useLocation();
  const { permissions } = useSession();
  const { record, setRecord, loadError, reload } = useRecord(id, getApplication, { resetOnChange: true });
  const [notice, setNotice] = useState<string | null>(() => (location.state as { notice?: string } | null)?.notice ?? null);
  const noticeRef = useFocusOnMessage<HTMLDivElement>(notice);
  const rules = useProgrammeRules(record?.programme.id);
  usePageTitle(record ? t("benefits.applicationTitle", { name: record.household_name }) : t("benefits.applicationsTitle"));
  const canWork = permissions.has("benefit.work");

  return (
    <section className="page" aria-labelledby="application-title">
      <p>
        <Link to="/benefits/applications">{t("benefits.backToApplications")}</Link>
      </p>
      <ErrorAlert message={loadError ? errorMessage(loadError, t) : null} />
      {record ? (
        <>
          <div className="page-header">
            <h1 id="application-title">{t("benefits.applicationTitle", { name: record.household_name })}</h1>
            <ApplicationStateBadge state={record.state} />
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
                <Link to={`/registry/households/${encodeURIComponent(record.household_id)}`}>{record.household_name}</Link> ·{" "}
                {record.community_name}
              </dd>
              <dt>{t("benefits.field.applicant")}</dt>
              <dd>{record.applicant.name}</dd>
              <dt>{t("benefits.field.submittedOn")}</dt>
              <dd>{formatCalendarDate(record.submitted_on, language)}</dd>
              <dt>{t("benefits.field.period")}</dt>
              <dd>{t("benefits.periodText", { from: record.period_from, to: record.period_to })}</dd>
              <dt>{t("benefits.field.residentSince")}</dt>
              <dd>{record.resident_since ? formatCalendarDate(record.resident_since, language) : t("benefits.unknown")}</dd>
              <dt>{t("benefits.field.recordedBy")}</dt>
              <dd>
                {record.recorded_by.display_name} · {formatDateTime(record.created_at, language)}
              </dd>
              {record.note ? (
                <>
                  <dt>{t("benefits.field.note")}</dt>
                  <dd className="pre-line">{record.note}</dd>
                </>
              ) : null}
              {record.withdraw_reason ? (
                <>
                  <dt>{t("benefits.withdrawReason")}</dt>
                  <dd className="pre-line">{record.withdraw_reason}</dd>
                </>
              ) : null}
              {record.decision_id ? (
                <>
                  <dt>{t("benefits.decisionTitle")}</dt>
                  <dd>
                    <Link to={`/benefits/decisions/${encodeURIComponent(record.decision_id)}`} data-testid="decision-link">
                      {t("benefits.openDecision")}
                    </Link>
                  </dd>
                </>
              ) : null}
            </dl>
            <h2>{t("benefits.incomesLegend")}</h2>
            {record.incomes.length === 0 ? (
              <p className="empty-note">{t("benefits.noIncomeDeclared")}</p>
            ) : (
              <table className="data-table">
                <caption className="visually-hidden">{t("benefits.incomesLegend")}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("benefits.col.member")}</th>
                    <th scope="col">{t("benefits.col.incomeKind")}</th>
                    <th scope="col">{t("benefits.col.monthly")}</th>
                  </tr>
                </thead>
                <tbody>
                  {record.incomes.map((income, i) => (
                    <tr key={i}>
                      <td>{income.person_name ?? t("benefits.wholeHousehold")}</td>
                      <td>{benefitLabel("income", income.kind, t)}</td>
                      <td className="money">
                        <Money minor={income.monthly_amount_minor} currency={record.programme.currency} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
            {record.documents.length > 0 ? (
              <>
                <h2>{t("benefits.documentsLegend")}</h2>
                <ul className="plain-list">
                  {record.documents.map((d) => (
                    <li key={d.name}>
                      <span aria-hidden="true">{d.provided ? "✓ " : "✗ "}</span>
                      {d.name}: {d.provided ? t("benefits.provided") : t("benefits.notProvided")}
                    </li>
                  ))}
                </ul>
              </>
            ) : null}
          </section>
          <section className="card" aria-labelledby="application-eligibility">
            <h2 id="application-eligibility">{t("benefits.eligibilityTitle")}</h2>
            <EligibilityView eligibility={record.eligibility} rules={rules} currency={record.programme.currency} />
          </section>
          {canWork && record.state === "submitted" ? (
            <>
              <ApplicationCorrection
                key={record.version}
                application={record}
                onSaved={(saved) => {
                  setRecord(saved);
                  setNotice(saved.eligibility.eligible ? t("benefits.changedEligible") : t("benefits.changedNotEligible"));
                }}
                onStale={() => void reload()}
              />
              <DecisionForm key={`decide-${record.version}`} application={record} onStale={() => void reload()} />
              <WithdrawForm
                application={record}
                onWithdrawn={(saved) => {
                  setRecord(saved);
                  setNotice(t("benefits.withdrawn"));
                }}
                onStale={() => void reload()}
              />
            </>
          ) : null}
        </>
      ) : null}
    </section>
  );
}

/** The rules of a programme, to name an outcome's limits where the outcome leaves them out. */
function useProgrammeRules(programmeId: string | undefined): EligibilityRule[] {
  const [rules, setRules] = useState<EligibilityRule[]>([]);
  useEffect(() => {
    if (!programmeId) return;
    let current = true;
    getProgramme(programmeId).then(
      (p) => current && setRules(p.rules),
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [programmeId]);
  return rules;
}

function DecisionForm({ application, onStale }: { application: Application; onStale: () => void }) {
  const { t, language } = useI18n();
  const navigate = useNavigate();
  const c = application.programme.currency;
  const [outcome, setOutcome] = useState<DecisionOutcome>(application.eligibility.eligible ? "approved" : "rejected");
  const [amount, setAmount] = useState(() => moneyInputText(application.eligibility.amount_minor, c, language));
  const [from, setFrom] = useState(application.period_from);
  const [to, setTo] = useState(application.period_to);
  const [reason, setReason] = useState("");
  const { error, setError, busy, formRef, summaryRef, stale, attempt } = useSaveForm();
  const err = (field: string) => fieldError(error, field, t);

  async function decide(event: FormEvent) {
    event.preventDefault();
    let body: Parameters<typeof decideApplication>[2];
    if (outcome === "approved") {
      const parsed = parseMoney(amount, c, language);
      if (!parsed.ok) {
        const problem = parsed.problem === "empty" ? "required" : parsed.problem;
        setError(clientProblem({ field: "amount_minor", problem }, t(problemKey(problem))));
        return;
      }
      body = { outcome, amount_minor: parsed.minor, period_from: from, period_to: to };
    } else {
      if (!reason.trim()) {
        setError(clientProblem({ field: "reason", problem: "required" }, t(problemKey("required"))));
        return;
      }
      body = { outcome, reason: reason.trim() };
    }
    await attempt(async () => {
      const decision = await decideApplication(application.id, application.version, body);
      void navigate(`/benefits/decisions/${encodeURIComponent(decision.id)}`, {
        state: {
          notice:
            decision.state === "awaiting_approval" ? t("benefits.decidedAwaiting") : t("benefits.decided", { state: benefitLabel("decisionState", decision.state, t) }),
        },
      });
    });
  }

  return (
    <form ref={formRef} className="card" onSubmit={(e) => void decide(e)} noValidate aria-labelledby="decide-title">
      <h2 id="decide-title">{t("benefits.decideTitle")}</h2>
      {stale ? <StaleVersionAlert message={t("benefits.staleApplication")} onReload={onStale} /> : null}
      <fieldset className="choice-row">
        <legend>{t("benefits.field.outcome")}</legend>
        {(["approved", "rejected"] as const).map((value) => (
          <label key={value} className="checkbox-field">
            <input type="radio" name="outcome" value={value} checked={outcome === value} onChange={() => setOutcome(value)} />
            {benefitLabel("outcome", value, t)}
          </label>
        ))}
      </fieldset>
      {outcome === "approved" ? (
        <div className="form-grid">
          <MoneyField label={t("benefits.field.amountPerMonth")} required currency={c} value={amount} onChange={setAmount} error={err("amount_minor")} />
          <TextField label={t("benefits.field.periodFrom")} type="month" value={from} onChange={(e) => setFrom(e.target.value)} error={err("period_from")} />
          <TextField label={t("benefits.field.periodTo")} type="month" value={to} onChange={(e) => setTo(e.target.value)} error={err("period_to")} />
        </div>
      ) : (
        <TextAreaField label={t("benefits.field.reason")} required value={reason} onChange={(e) => setReason(e.target.value)} error={err("reason")} />
      )}
      {outcome === "approved" ? (
        <p className="field-hint">
          {t("benefits.eligibilityAmount")} <Money minor={application.eligibility.amount_minor} currency={c} />
        </p>
      ) : null}
      <ErrorSummary error={error} form={formRef} summaryRef={summaryRef} />
      <div className="form-actions">
        <button type="submit" disabled={busy}>
          {outcome === "approved" ? t("benefits.approve") : t("benefits.reject")}
        </button>
      </div>
    </form>
  );
}

function WithdrawForm({
  application,
  onWithdrawn,
  onStale,
}: {
  application: Application;
  onWithdrawn: (saved: Application) => void;
  onStale: () => void;
}) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState("");
  const { error, setError, busy, formRef, summaryRef, stale, attempt } = useSaveForm();

  async function withdraw(event: FormEvent) {
    event.preventDefault();
    if (!reason.trim()) {
      setError(clientProblem({ field: "reason", problem: "required" }, t(problemKey("required"))));
      return;
    }
    await attempt(async () => onWithdrawn(await withdrawApplication(application.id, application.version, reason.trim())));
  }

  if (!open) {
    return (
      <p>
        <button type="button" className="button-secondary" onClick={() => setOpen(true)}>
          {t("benefits.withdraw")}
        </button>
      </p>
    );
  }
  return (
    <form ref={formRef} className="card inline-form" onSubmit={(e) => void withdraw(e)} noValidate aria-label={t("benefits.withdraw")}>
      {stale ? <StaleVersionAlert message={t("benefits.staleApplication")} onReload={onStale} /> : null}
      <TextAreaField label={t("benefits.withdrawReason")} required value={reason} onChange={(e) => setReason(e.target.value)} error={fieldError(error, "reason", t)} />
      <ErrorSummary error={error} form={formRef} summaryRef={summaryRef} />
      <div className="form-actions">
        <button type="submit" disabled={busy}>
          {t("benefits.withdraw")}
        </button>
        <button type="button" className="button-secondary" onClick={() => setOpen(false)}>
          {t("common.cancel")}
        </button>
      </div>
    </form>
  );
}
