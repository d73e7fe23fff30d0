import { useEffect, useState } from "react";
import { Link } from "react-router-dom";
import { getToday } from "../../api/cases";
import type { Today } from "../../api/types";
import { ErrorAlert, Notice, errorMessage } from "../../components/forms";
import { formatCalendarDate, formatDateTime } from "../../i18n/format";
import { useI18n } from "../../i18n/i18n";
import { WaitingRequests } from "../intake/WaitingRequests";
import { OfferedPlaces } from "../services/OfferedPlaces";
import { ContactEditButton } from "./ContactList";
import { ContactForm } from "./ContactForm";
import { codeLabel, subjectName } from "./labels";
import { CaseLine, UrgencyMark } from "./parts";
import { actionUrgency, byRiskThenAge, localIsoDate } from "./rules";

/**
 * "Today", the home of a caseworker: my open cases (risk first), home visits planned for this
 * week, plan actions overdue or due within 7 days (overdue first, marked in words and red), the
 * places services offered to the persons the user enrolled, for a caseworker how many residents'
 * requests for help wait, and for a head of service the closures waiting for approval and the cases transferred in, with
 * the way to the team view. Each line links to its place; a visit is recorded from here.
 */
export function TodayPanel({
  supervise,
  work,
  enrolments = false,
}: {
  supervise: boolean;
  work: boolean;
  /** Show the places services offered to the persons the user enrolled (enrolment.work). */
  enrolments?: boolean;
}) {
  const { t, language } = useI18n();
  const [today, setToday] = useState<Today | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [recording, setRecording] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [reloads, setReloads] = useState(0);
  useEffect(() => {
    let cancelled = false;
    getToday().then(
      (loaded) => !cancelled && setToday(loaded),
      (caught: unknown) => !cancelled && setError(caught),
    );
    return () => {
      cancelled = true;
    };
  }, [reloads]);

  const date = localIsoDate();
  if (error) return <ErrorAlert message={errorMessage(error, t)} />;
  if (!today) return <p role="status">{t("common.loading")}</p>;
  const actions = [...today.actions].sort((a, b) => {
    const rank = (x: typeof a) => (actionUrgency(x, date) === "overdue" ? 0 : 1);
    return rank(a) - rank(b) || a.deadline.localeCompare(b.deadline);
  });
  const visits = [...today.visits].sort((a, b) => (a.date + (a.time ?? "")).localeCompare(b.date + (b.time ?? "")));

  return (
    <>
      {supervise ? (
        <p>
          <Link to="/team">{t("today.teamLink")}</Link>
        </p>
      ) : null}
      {work ? <WaitingRequests /> : null}
      <Notice message={notice} />
    <div className="today-grid">
      <section className="today-section" aria-labelledby="today-actions">
        <h3 id="today-actions">
          {t("today.actions")} <span className="count">({actions.length})</span>
        </h3>
        {actions.length === 0 ? (
          <p className="empty-note">{t("today.actionsEmpty")}</p>
        ) : (
          <ul className="today-list">
            {actions.map((action) => {
              const urgency = actionUrgency(action, date);
              return (
                <li key={action.id} className={urgency === "overdue" ? "overdue-row" : undefined} data-testid="today-action">
                  <UrgencyMark urgency={urgency} />
                  <Link to={`/cases/${encodeURIComponent(action.case_id)}`}>{action.text}</Link>
                  <span className={urgency === "overdue" ? "urgency-overdue" : undefined}>
                    {t("today.deadline", { date: formatCalendarDate(action.deadline, language) })}
                  </span>
                  <span className="item-meta">
                    {t("today.inCase", { number: action.case_number })} · {codeLabel("agency", action.agency, t)} ·{" "}
                    {action.responsible.name}
                  </span>
                </li>
              );
            })}
          </ul>
        )}
      </section>
      <section className="today-section" aria-labelledby="today-caseload">
        <h3 id="today-caseload">
          {t("today.caseload")} <span className="count">({today.caseload.length})</span>
        </h3>
        {today.caseload.length === 0 ? (
          <p className="empty-note">{t("today.caseloadEmpty")}</p>
        ) : (
          <ul className="case-lines">
            {byRiskThenAge(today.caseload).map((item) => (
              <CaseLine key={item.id} item={item} />
            ))}
          </ul>
        )}
        <p>
          <Link to="/cases">{t("today.allCases")}</Link>
        </p>
      </section>
      <section className="today-section" aria-labelledby="today-visits">
        <h3 id="today-visits">
          {t("today.visits")} <span className="count">({visits.length})</span>
        </h3>
        {visits.length === 0 ? (
          <p className="empty-note">{t("today.visitsEmpty")}</p>
        ) : (
          <ul className="today-list">
            {visits.map((visit) => {
              const subject = visit.person
                ? { name: visit.person.name, path: `/registry/persons/${encodeURIComponent(visit.person.id)}` }
                : visit.household
                  ? { name: t("cases.householdOf", { name: visit.household.name }), path: `/registry/households/${encodeURIComponent(visit.household.id)}` }
                  : null;
              const path = visit.case_id ? `/cases/${encodeURIComponent(visit.case_id)}` : subject?.path;
              return (
                <li key={visit.id} data-testid="today-visit">
                  <strong>
                    {formatCalendarDate(visit.date, language)}
                    {visit.time ? ` ${visit.time}` : null}
                  </strong>
                  {visit.date === date ? <span className="badge">{t("today.today")}</span> : null}
                  {path ? <Link to={path}>{subject?.name ?? codeLabel("contactKind", visit.kind, t)}</Link> : null}
                  {visit.reason ? <span className="item-meta">{codeLabel("reason", visit.reason, t)}</span> : null}
                  {work && recording !== visit.id ? (
                    <ContactEditButton
                      contact={visit}
                      onClick={() => {
                        setNotice(null);
                        setRecording(visit.id);
                      }}
                    />
                  ) : null}
                  {recording === visit.id ? (
                    <ContactForm
                      contact={visit}
                      recordVisit
                      onSaved={() => {
                        setRecording(null);
                        setNotice(t("cases.contactSaved"));
                        setReloads((n) => n + 1);
                      }}
                      onCancel={() => setRecording(null)}
                      onReload={() => {
                        setRecording(null);
                        setReloads((n) => n + 1);
                      }}
                    />
                  ) : null}
                </li>
              );
            })}
          </ul>
        )}
      </section>
      {enrolments ? <OfferedPlaces /> : null}
      {supervise ? (
        <section className="today-section" aria-labelledby="today-approvals">
          <h3 id="today-approvals">
            {t("today.approvals")} <span className="count">({today.approvals.length})</span>
          </h3>
          {today.approvals.length === 0 ? (
            <p className="empty-note">{t("today.approvalsEmpty")}</p>
          ) : (
            <ul className="today-list">
              {today.approvals.map((item) => (
                <li key={item.id} data-testid="today-approval">
                  <Link to={`/cases/${encodeURIComponent(item.id)}`} className="case-number">
                    {item.number}
                  </Link>
                  <span>{subjectName(item.subject, t)}</span>
                  {item.closure_request ? (
                    <span className="item-meta">
                      {t("today.requestedBy", {
                        name: item.closure_request.requested_by.display_name,
                        date: formatDateTime(item.closure_request.requested_at, language),
                      })}
                    </span>
                  ) : (
                    <span className="item-meta">{item.assigned_worker.display_name}</span>
                  )}
                </li>
              ))}
            </ul>
          )}
        </section>
      ) : null}
      {supervise ? (
        <section className="today-section" aria-labelledby="today-transfers">
          <h3 id="today-transfers">
            {t("today.transfers")} <span className="count">({(today.transfers ?? []).length})</span>
          </h3>
          {(today.transfers ?? []).length === 0 ? (
            <p className="empty-note">{t("today.transfersEmpty")}</p>
          ) : (
            <ul className="case-lines">
              {today.transfers.map((item) => (
                <CaseLine key={item.id} item={item} />
              ))}
            </ul>
          )}
        </section>
      ) : null}
    </div>
    </>
  );
}
