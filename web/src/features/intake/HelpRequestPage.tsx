import { useEffect, useState, type ReactNode } from "react";
import { Link, useParams } from "react-router-dom";
import { getCase, getContact } from "../../api/cases";
import { getHelpRequest } from "../../api/helpRequests";
import type { HelpOutcome, HelpRequest } from "../../api/types";
import { ErrorAlert, Notice, errorMessage } from "../../components/forms";
import { useFocusOnMessage } from "../../components/useFocusOnMessage";
import { usePageTitle } from "../../components/usePageTitle";
import { useRecord } from "../../components/useRecord";
import { formatCalendarDate, formatDateTime } from "../../i18n/format";
import { useI18n } from "../../i18n/i18n";
import { languageName } from "../registry/labels";
import { AudienceAnswer, CaseAnswer, CloseAnswer } from "./AnswerForms";
import { intakeLabel } from "./labels";
import { HelpStateBadge, ResidentContact } from "./parts";
import { HELP_OUTCOMES } from "./rules";

/**
 * /help-requests/:id: what a resident asked for and how to reach them, and the three ways to
 * answer it: record it as an audience with a person, open a case for a person, or close it
 * with an answer. An answered request says how, by whom and when, and links to the case or
 * the person the audience was recorded with.
 */
export function HelpRequestPage() {
  const { t } = useI18n();
  const { id = "" } = useParams();
  const { record, setRecord, loadError, reload } = useRecord(id, getHelpRequest, { resetOnChange: true });
  const [answering, setAnswering] = useState<HelpOutcome | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const noticeRef = useFocusOnMessage<HTMLDivElement>(notice);
  usePageTitle(record ? t("intake.title", { confirmation: record.confirmation }) : t("intake.listTitle"));

  const panelProps = {
    onCancel: () => setAnswering(null),
    onReload: () => {
      setAnswering(null);
      void reload();
    },
    onResolved: (answered: HelpRequest, message: string) => {
      setAnswering(null);
      setRecord(answered);
      setNotice(message);
    },
  };

  return (
    <section className="page" aria-labelledby="help-request-title">
      <p>
        <Link to="/help-requests">{t("intake.backToList")}</Link>
      </p>
      <ErrorAlert message={loadError ? errorMessage(loadError, t) : null} />
      {record ? (
        <>
          <header className="help-request-header">
            <h1 id="help-request-title">{t("intake.title", { confirmation: record.confirmation })}</h1>
            <HelpStateBadge state={record.state} />
          </header>
          <div ref={noticeRef} tabIndex={-1}>
            <Notice message={notice} />
          </div>
          <RequestFacts request={record} />
          {record.state === "open" ? (
            <section aria-labelledby="answer-title">
              <h2 id="answer-title">{t("intake.howToAnswer")}</h2>
              {answering === null ? (
                <div className="answer-choices">
                  {HELP_OUTCOMES.map((outcome) => (
                    <button
                      key={outcome}
                      type="button"
                      className={outcome === "closed" ? "button-secondary" : undefined}
                      onClick={() => {
                        setNotice(null);
                        setAnswering(outcome);
                      }}
                    >
                      {intakeLabel("answer", outcome, t)}
                    </button>
                  ))}
                </div>
              ) : null}
              {answering === "audience" ? <AudienceAnswer request={record} {...panelProps} /> : null}
              {answering === "case" ? <CaseAnswer request={record} {...panelProps} /> : null}
              {answering === "closed" ? <CloseAnswer request={record} {...panelProps} /> : null}
            </section>
          ) : null}
        </>
      ) : null}
    </section>
  );
}

function RequestFacts({ request }: { request: HelpRequest }) {
  const { t, language } = useI18n();
  const none = <span className="muted">{t("services.notGiven")}</span>;
  const rows: [string, ReactNode][] = [
    [t("intake.field.received"), formatDateTime(request.created_at, language)],
    [t("intake.field.community"), request.community_name],
    [t("intake.field.need"), <span key="need" className="help-need">{request.need}</span>],
    [t("intake.field.for_whom"), request.for_whom || none],
    [t("intake.field.name"), request.name],
    [t("intake.field.contact"), <ResidentContact key="contact" contact={request.contact} />],
    [t("intake.field.language"), languageName(request.language, language, t)],
  ];
  if (request.state !== "open") {
    rows.push([t("intake.field.state"), intakeLabel("state", request.state, t)]);
    if (request.resolved_at) {
      rows.push([
        t("intake.field.resolved"),
        request.resolved_by
          ? t("intake.resolvedBy", {
              name: request.resolved_by.display_name,
              date: formatDateTime(request.resolved_at, language),
            })
          : formatDateTime(request.resolved_at, language),
      ]);
    }
    if (request.case_id) rows.push([t("intake.field.case"), <CaseLink key="case" id={request.case_id} />]);
    if (request.contact_id) rows.push([t("intake.field.audience"), <AudienceLink key="audience" id={request.contact_id} />]);
    if (request.answer) rows.push([t("intake.field.answer"), <span key="answer" className="pre-line">{request.answer}</span>]);
  }
  return (
    <dl className="record" data-testid="help-request-facts">
      {rows.map(([label, value]) => (
        <div key={label}>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

/** The case a request became, by its number once read (a plain link while it is not). */
function CaseLink({ id }: { id: string }) {
  const { t } = useI18n();
  const [number, setNumber] = useState<string | null>(null);
  useEffect(() => {
    let current = true;
    getCase(id).then(
      (found) => current && setNumber(found.number),
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [id]);
  return (
    <Link to={`/cases/${encodeURIComponent(id)}`} data-testid="help-request-case">
      {number ? t("intake.caseLink", { number }) : t("intake.caseLinkPlain")}
    </Link>
  );
}

/** The audience a request was recorded as: its date and the person, linking to their record. */
function AudienceLink({ id }: { id: string }) {
  const { t, language } = useI18n();
  const [text, setText] = useState<{ label: string; personId: string | null } | null>(null);
  useEffect(() => {
    let current = true;
    getContact(id).then(
      (contact) =>
        current &&
        setText({
          label: t("intake.audienceWith", {
            name: contact.person?.name ?? contact.household?.name ?? "",
            date: formatCalendarDate(contact.date, language),
          }),
          personId: contact.person?.id ?? null,
        }),
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [id, t, language]);
  if (!text) return <>{t("intake.audienceRecorded")}</>;
  return text.personId ? (
    <Link to={`/registry/persons/${encodeURIComponent(text.personId)}`}>{text.label}</Link>
  ) : (
    <>{text.label}</>
  );
}
