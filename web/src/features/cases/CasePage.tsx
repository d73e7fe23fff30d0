import { useRef, useState, type FormEvent, type ReactNode } from "react";
import { Link, useLocation, useParams } from "react-router-dom";
import { addNote, caseTimeline, changeCaseState, decideClosure, getCase, listContacts } from "../../api/cases";
import type { Case, Contact, TimelineItem, TimelineKind } from "../../api/types";
import {
  ErrorAlert,
  ErrorSummary,
  LoadMore,
  Notice,
  SelectField,
  StaleVersionAlert,
  errorMessage,
  fieldError,
  isStaleVersion,
  useFocusFirstError,
} from "../../components/forms";
import { useCursorList } from "../../components/useCursorList";
import { useRecord } from "../../components/useRecord";
import { usePageTitle } from "../../components/usePageTitle";
import { formatDateTime } from "../../i18n/format";
import { useI18n } from "../../i18n/i18n";
import { useSession } from "../session/session";
import { CaseEditForm } from "./CaseEditForm";
import { ContactForm } from "./ContactForm";
import { ContactList } from "./ContactList";
import { codeLabel, subjectName } from "./labels";
import { CheckboxField, RiskBadge, StateBadge, TextAreaField, clientProblem, problemKey } from "./parts";
import { PlanPanel } from "./PlanPanel";
import { ReassignForm } from "./ReassignForm";
import { ReferralsPanel } from "./ReferralsPanel";
import { TIMELINE_KINDS, closingNeedsReason, closingWaitsForApproval, transitionChoices, type TransitionChoice } from "./rules";
import { formsNamed, timelineView } from "./timeline";
import { newAssessmentPath, type AssessmentTarget } from "../assessments/paths";
import { useFormTexts } from "../assessments/useFormTexts";
import { TransferDecisionForm, TransferRequestForm } from "./TransferForms";

type Tab = "timeline" | "plan" | "referrals" | "contacts" | "notes";
const TABS: readonly Tab[] = ["timeline", "plan", "referrals", "contacts", "notes"];

/** A case: its header with the state buttons, then its timeline, plan, referrals, contacts and notes. */
export function CasePage() {
  const { t } = useI18n();
  const { permissions } = useSession();
  const { id = "" } = useParams();
  const location = useLocation();
  const { record, setRecord, loadError, reload } = useRecord(id, getCase, { resetOnChange: true });
  const [tab, setTab] = useState<Tab>("timeline");
  const [notice, setNotice] = useState<string | null>(() => {
    const opened = (location.state as { opened?: string } | null)?.opened;
    return opened ? t("cases.opened", { number: opened }) : null;
  });
  // Bumped on every change, so that the timeline reads again.
  const [changes, setChanges] = useState(0);
  usePageTitle(record ? t("cases.caseTitle", { number: record.number }) : t("nav.cases"));

  const changed = (next: Case | null, message?: string) => {
    if (next) setRecord(next);
    else void reload();
    if (message) setNotice(message);
    setChanges((n) => n + 1);
  };

  return (
    <section className="page case-page" aria-labelledby="case-title">
      <p className="no-print">
        <Link to="/cases">{t("nav.cases")}</Link>
      </p>
      <ErrorAlert message={loadError ? errorMessage(loadError, t) : null} />
      {record ? (
        <>
          <CaseHeader record={record} onChanged={changed} onReload={() => void reload()} />
          <Notice message={notice} />
          {record.content_visible ? (
            <>
              <p className="no-print">
                <Link to={`/cases/${encodeURIComponent(record.id)}/print`}>{t("cases.print")}</Link>
              </p>
              <div
                className="tabs"
                role="tablist"
                aria-label={t("cases.tabs")}
                onKeyDown={(event) => {
                  if (event.key !== "ArrowRight" && event.key !== "ArrowLeft") return;
                  event.preventDefault();
                  const i = TABS.indexOf(tab);
                  const next = TABS[(i + (event.key === "ArrowRight" ? 1 : TABS.length - 1)) % TABS.length];
                  setTab(next);
                  document.getElementById(`case-tab-${next}`)?.focus();
                }}
              >
                {TABS.map((name) => (
                  <button
                    key={name}
                    type="button"
                    role="tab"
                    id={`case-tab-${name}`}
                    aria-controls={`case-panel-${name}`}
                    aria-selected={tab === name}
                    tabIndex={tab === name ? 0 : -1}
                    onClick={() => setTab(name)}
                  >
                    {t(`cases.tab.${name}`)}
                  </button>
                ))}
              </div>
              <div role="tabpanel" id={`case-panel-${tab}`} aria-labelledby={`case-tab-${tab}`}>
                {tab === "timeline" ? (
                  <TimelinePanel caseId={record.id} refresh={changes} assessFor={assessmentTarget(record, permissions)} />
                ) : null}
                {tab === "plan" ? (
                  <PlanPanel record={record} onChanged={() => changed(null)} />
                ) : null}
                {tab === "referrals" ? <ReferralsPanel record={record} onChanged={() => changed(null)} /> : null}
                {tab === "contacts" ? <CaseContacts record={record} onChanged={() => changed(null)} /> : null}
                {tab === "notes" ? <NotesPanel caseId={record.id} onAdded={() => changed(null, t("cases.noteAdded"))} refresh={changes} /> : null}
              </div>
            </>
          ) : (
            <p className="alert alert-info">{t("cases.restricted")}</p>
          )}
        </>
      ) : null}
    </section>
  );
}

/** The case's identity, its state and what may be done with it now. */
export function CaseSummaryFields({ record }: { record: Case }) {
  const { t, language } = useI18n();
  const subjectPath =
    record.subject.kind === "person"
      ? `/registry/persons/${encodeURIComponent(record.subject.id)}`
      : `/registry/households/${encodeURIComponent(record.subject.id)}`;
  const rows: [string, ReactNode][] = [
    [
      record.subject.kind === "person" ? t("cases.subject.person") : t("cases.subject.household"),
      <Link key="s" to={subjectPath}>
        {subjectName(record.subject, t)}
      </Link>,
    ],
    [t("cases.field.worker"), record.assigned_worker.display_name],
    [t("cases.field.community"), record.community_name],
    [t("cases.field.opened_at"), formatDateTime(record.opened_at, language)],
  ];
  if (record.closed_at) rows.push([t("cases.field.closed_at"), formatDateTime(record.closed_at, language)]);
  if (record.content_visible && record.category) rows.push([t("cases.field.category"), codeLabel("category", record.category, t)]);
  if (record.content_visible && record.opening_reason) {
    rows.push([t("cases.field.opening_reason"), <span key="r" className="pre-line">{record.opening_reason}</span>]);
  }
  return (
    <dl className="record">
      {rows.map(([label, value]) => (
        <div key={label}>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

function CaseHeader({
  record,
  onChanged,
  onReload,
}: {
  record: Case;
  onChanged: (next: Case | null, message?: string) => void;
  onReload: () => void;
}) {
  const { t, language } = useI18n();
  const { user, permissions } = useSession();
  // The server says what the caller may do with this case; the permissions are the fallback.
  const canWork = record.content_visible && (record.can_work ?? permissions.has("case.work"));
  const canSupervise = record.can_supervise ?? permissions.has("case.supervise");
  const [closing, setClosing] = useState(false);
  // The one form open below the header, if any.
  const [form, setForm] = useState<"edit" | "transfer" | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const stale = isStaleVersion(error);
  const request = record.closure_request ?? null;

  async function move(choice: TransitionChoice) {
    if (choice.role === "close") {
      setClosing(true);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const { record: next } = await changeCaseState(record.id, record.version, choice.to);
      onChanged(next, t("cases.stateChanged", { state: codeLabel("state", next.state, t) }));
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }

  const mayHandOver = record.content_visible && (canSupervise || record.assigned_worker.id === user?.id) && record.state !== "closed";
  const canRequestTransfer = mayHandOver && !record.transfer_request;

  return (
    <header className="case-header">
      <h1 id="case-title">{t("cases.caseTitle", { number: record.number })}</h1>
      <div className="badges">
        <StateBadge state={record.state} pending={!!request} />
        {record.content_visible ? <RiskBadge risk={record.risk_level} /> : null}
        {record.confidential ? <span className="badge">{t("cases.confidential")}</span> : null}
        {record.child_case ? <span className="badge">{t("cases.childCase")}</span> : null}
        {record.open_actions ? <span className="badge">{t("cases.openActions", { count: record.open_actions })}</span> : null}
        {record.overdue_actions ? (
          <span className="badge risk-critical">
            <span aria-hidden="true">⚠ </span>
            {t("cases.overdueActions", { count: record.overdue_actions })}
          </span>
        ) : null}
      </div>
      <CaseSummaryFields record={record} />
      {request ? (
        <div className="alert alert-warning" role="status" data-testid="closure-request">
          <p>
            <strong>{t("cases.closureWaiting")}</strong>{" "}
            {t("cases.closureRequested", {
              name: request.requested_by.display_name,
              date: formatDateTime(request.requested_at, language),
            })}
          </p>
          {request.reason ? <p>{t("cases.closureReason", { reason: request.reason })}</p> : null}
          {canSupervise ? <ClosureDecisionForm record={record} onChanged={onChanged} /> : null}
        </div>
      ) : null}
      {record.transfer_request ? (
        <div className="alert alert-warning" role="status" data-testid="transfer-request">
          <p>
            {t("cases.transferWaiting", {
              community: record.transfer_request.community_name,
              name: record.transfer_request.requested_by.display_name,
              date: formatDateTime(record.transfer_request.requested_at, language),
            })}
          </p>
          {record.transfer_request.reason ? <p>{t("cases.closureReason", { reason: record.transfer_request.reason })}</p> : null}
          {record.can_decide_transfer ? <TransferDecisionForm record={record} onChanged={onChanged} onReload={onReload} /> : null}
        </div>
      ) : null}
      {stale ? <StaleVersionAlert message={t("cases.staleVersion")} onReload={onReload} /> : <ErrorAlert message={error && !closing ? errorMessage(error, t) : null} />}
      {canWork && !closing && transitionChoices(record).length ? (
        <div className="state-buttons no-print" role="group" aria-label={t("cases.stateActions")}>
          {transitionChoices(record).map((choice) => (
            <button
              key={choice.to}
              type="button"
              className={choice.role === "forward" || choice.role === "reopen" ? undefined : "button-secondary"}
              disabled={busy}
              onClick={() => void move(choice)}
            >
              {choice.role === "close"
                ? t("cases.close")
                : choice.role === "reopen"
                  ? t("cases.reopen")
                  : choice.role === "back"
                    ? t("cases.backTo", { state: codeLabel("state", choice.to, t) })
                    : t("cases.moveTo", { state: codeLabel("state", choice.to, t) })}
            </button>
          ))}
        </div>
      ) : null}
      {closing ? (
        <CloseForm
          record={record}
          waits={closingWaitsForApproval(record, canSupervise)}
          onDone={(next, pending) => {
            setClosing(false);
            onChanged(next, pending ? t("cases.closureRequestSent") : t("cases.stateChanged", { state: codeLabel("state", next.state, t) }));
          }}
          onCancel={() => setClosing(false)}
        />
      ) : null}
      {!closing && !form && (canWork || canRequestTransfer) ? (
        <div className="actions no-print">
          {canWork ? (
            <button type="button" className="button-secondary" onClick={() => setForm("edit")}>
              {t("cases.edit")}
            </button>
          ) : null}
          {canRequestTransfer ? (
            <button type="button" className="button-secondary" onClick={() => setForm("transfer")}>
              {t("cases.requestTransfer")}
            </button>
          ) : null}
        </div>
      ) : null}
      {form === "edit" ? (
        <CaseEditForm
          record={record}
          onSaved={(next) => {
            setForm(null);
            onChanged(next, t("cases.caseSaved"));
          }}
          onCancel={() => setForm(null)}
          onReload={() => {
            setForm(null);
            onReload();
          }}
        />
      ) : null}
      {form === "transfer" ? (
        <TransferRequestForm
          record={record}
          onDone={(next) => {
            setForm(null);
            onChanged(next, t("cases.transferRequested"));
          }}
          onCancel={() => setForm(null)}
          onReload={() => {
            setForm(null);
            onReload();
          }}
        />
      ) : null}
      {mayHandOver ? <ReassignForm record={record} onChanged={onChanged} onReload={onReload} /> : null}
    </header>
  );
}

function CloseForm({
  record,
  waits,
  onDone,
  onCancel,
}: {
  record: Case;
  waits: boolean;
  onDone: (next: Case, pending: boolean) => void;
  onCancel: () => void;
}) {
  const { t } = useI18n();
  const needsReason = closingNeedsReason(record);
  const [reason, setReason] = useState("");
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const summaryRef = useRef<HTMLDivElement>(null);
  useFocusFirstError(error, formRef, summaryRef);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (needsReason && !reason.trim()) {
      setError(clientProblem({ field: "reason", problem: "close_reason_required" }, t(problemKey("close_reason_required"))));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const { record: next, pending } = await changeCaseState(record.id, record.version, "closed", reason.trim() || undefined);
      onDone(next, pending);
    } catch (caught) {
      setError(caught);
      setBusy(false);
    }
  }

  return (
    <form className="inline-form no-print" ref={formRef} onSubmit={(e) => void submit(e)} noValidate aria-labelledby="close-title">
      <h2 id="close-title">{t("cases.close")}</h2>
      {needsReason ? <p>{t("cases.closeReasonNeeded", { count: record.open_actions ?? 0 })}</p> : null}
      {waits ? <p className="alert alert-info">{t("cases.closeWillWait")}</p> : null}
      <TextAreaField
        autoFocus
        label={t("cases.closeReason")}
        name="reason"
        required={needsReason}
        maxLength={4000}
        value={reason}
        error={fieldError(error, "reason", t)}
        onChange={(e) => setReason(e.target.value)}
      />
      <div className="actions">
        <button type="submit" disabled={busy}>
          {t("cases.confirmClose")}
        </button>
        <button type="button" className="button-secondary" onClick={onCancel}>
          {t("common.cancel")}
        </button>
      </div>
      <ErrorSummary error={error} form={formRef} summaryRef={summaryRef} />
    </form>
  );
}

function ClosureDecisionForm({ record, onChanged }: { record: Case; onChanged: (next: Case, message: string) => void }) {
  const { t } = useI18n();
  const [comment, setComment] = useState("");
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);

  async function decide(approve: boolean) {
    setBusy(true);
    setError(null);
    try {
      const next = await decideClosure(record.id, record.version, approve, comment.trim() || undefined);
      onChanged(next, approve ? t("cases.approved") : t("cases.declined"));
    } catch (caught) {
      setError(caught);
      setBusy(false);
    }
  }

  return (
    <form ref={formRef} className="no-print" onSubmit={(e) => e.preventDefault()}>
      <TextAreaField
        label={t("cases.decisionComment")}
        name="comment"
        maxLength={4000}
        value={comment}
        onChange={(e) => setComment(e.target.value)}
      />
      <div className="actions">
        <button type="button" disabled={busy} onClick={() => void decide(true)}>
          {t("cases.approve")}
        </button>
        <button type="button" className="button-secondary" disabled={busy} onClick={() => void decide(false)}>
          {t("cases.decline")}
        </button>
      </div>
      <ErrorSummary error={error} form={formRef} />
    </form>
  );
}

/** An open case on which the user may work and fill assessments takes new ones. */
function assessmentTarget(record: Case, permissions: ReadonlySet<string>): AssessmentTarget | undefined {
  const canWork = record.can_work ?? permissions.has("case.work");
  if (!canWork || record.state === "closed" || !permissions.has("assessment.write")) return undefined;
  return record.subject.kind === "household"
    ? { household: record.subject.id, caseId: record.id }
    : { person: record.subject.id, caseId: record.id };
}

export function TimelinePanel({
  caseId,
  refresh,
  printing,
  assessFor,
}: {
  caseId: string;
  refresh: number;
  printing?: boolean;
  /** Offers a new assessment filed on the case, about this subject. */
  assessFor?: AssessmentTarget;
}) {
  const { t, language } = useI18n();
  const [kind, setKind] = useState<TimelineKind | "">("");
  const list = useCursorList<TimelineItem>(
    (cursor) => caseTimeline(caseId, { kind, limit: printing ? 200 : 50, cursor }),
    [caseId, kind, refresh],
  );
  const forms = useFormTexts(formsNamed(list.items));
  return (
    <>
      {printing ? null : (
        <div className="filter-bar no-print">
          <SelectField label={t("cases.timelineFilter")} value={kind} onChange={(e) => setKind(e.target.value as TimelineKind | "")}>
            <option value="">{t("cases.timelineAll")}</option>
            {TIMELINE_KINDS.map((k) => (
              <option key={k} value={k}>
                {codeLabel("timelineKind", k, t)}
              </option>
            ))}
          </SelectField>
          {assessFor ? (
            <Link className="button button-secondary" to={newAssessmentPath(assessFor)}>
              {t("cases.newAssessment")}
            </Link>
          ) : null}
        </div>
      )}
      <ErrorAlert message={list.error ? errorMessage(list.error, t) : null} />
      {list.loaded && list.items.length === 0 && !list.error ? <p className="empty-note">{t("cases.timelineEmpty")}</p> : null}
      <ol className="timeline-list">
        {list.items.map((item) => {
          const view = timelineView(item, t, language, forms);
          return (
            <li key={item.id} className={view.confidential ? "confidential" : undefined} data-testid="timeline-item">
              <strong>{view.title}</strong>
              {view.confidential ? <span className="badge">{t("cases.confidential")}</span> : null}
              <span className="item-meta">
                {formatDateTime(item.at, language)}
                {item.actor ? ` — ${item.actor.display_name}` : null}
              </span>
              {view.lines.map((line, i) => (
                <p key={i} className="timeline-text">
                  {line}
                </p>
              ))}
              {view.link && !printing ? (
                <p className="timeline-text">
                  <Link to={view.link.to}>{view.link.label}</Link>
                </p>
              ) : null}
            </li>
          );
        })}
      </ol>
      {list.cursor && !printing ? <LoadMore onClick={list.loadMore} busy={list.busy} /> : null}
    </>
  );
}

function CaseContacts({ record, onChanged }: { record: Case; onChanged: () => void }) {
  const { t } = useI18n();
  const { permissions } = useSession();
  const canWork = record.can_work ?? permissions.has("case.work");
  const [recording, setRecording] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [added, setAdded] = useState(0);
  const list = useCursorList<Contact>((cursor) => listContacts({ case_id: record.id, limit: 20, cursor }), [record.id, added]);
  const subject = record.subject.kind === "person" ? { person_id: record.subject.id } : { household_id: record.subject.id };
  return (
    <>
      {canWork && !recording ? (
        <p className="no-print">
          <button type="button" onClick={() => setRecording(true)}>
            {t("cases.recordContact")}
          </button>
        </p>
      ) : null}
      <Notice message={notice} />
      {recording ? (
        <ContactForm
          subject={{ ...subject, case_id: record.id }}
          onSaved={() => {
            setRecording(false);
            setNotice(t("cases.contactRecorded"));
            setAdded((n) => n + 1);
            onChanged();
          }}
          onCancel={() => setRecording(false)}
        />
      ) : null}
      <ErrorAlert message={list.error ? errorMessage(list.error, t) : null} />
      {list.loaded && list.items.length === 0 && !list.error ? <p className="empty-note">{t("cases.contactsEmpty")}</p> : null}
      <ContactList
        contacts={list.items}
        more={!!list.cursor}
        busy={list.busy}
        onMore={list.loadMore}
        onChanged={
          canWork
            ? (saved) => {
                if (saved) setNotice(t("cases.contactSaved"));
                setAdded((n) => n + 1);
                onChanged();
              }
            : undefined
        }
      />
    </>
  );
}

function NotesPanel({ caseId, onAdded, refresh }: { caseId: string; onAdded: () => void; refresh: number }) {
  const { t } = useI18n();
  const { permissions } = useSession();
  const [text, setText] = useState("");
  const [confidential, setConfidential] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const summaryRef = useRef<HTMLDivElement>(null);
  useFocusFirstError(error, formRef, summaryRef);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!text.trim()) {
      setError(clientProblem({ field: "text", problem: "note_required" }, t(problemKey("note_required"))));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await addNote(caseId, text.trim(), confidential);
      setText("");
      setConfidential(false);
      onAdded();
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      {permissions.has("case.work") ? (
        <form className="inline-form no-print" ref={formRef} onSubmit={(e) => void submit(e)} noValidate aria-labelledby="note-title">
          <h2 id="note-title">{t("cases.addNote")}</h2>
          <TextAreaField
            label={t("cases.noteText")}
            name="text"
            required
            maxLength={4000}
            value={text}
            error={fieldError(error, "text", t)}
            onChange={(e) => setText(e.target.value)}
          />
          <CheckboxField label={t("cases.noteConfidentialCheck")} name="confidential" checked={confidential} onChange={setConfidential} />
          <div className="actions">
            <button type="submit" disabled={busy}>
              {t("cases.addNote")}
            </button>
          </div>
          <ErrorSummary error={error} form={formRef} summaryRef={summaryRef} />
        </form>
      ) : null}
      <NotesList caseId={caseId} refresh={refresh} />
    </>
  );
}

function NotesList({ caseId, refresh }: { caseId: string; refresh: number }) {
  const { t, language } = useI18n();
  const list = useCursorList<TimelineItem>((cursor) => caseTimeline(caseId, { kind: "note", limit: 50, cursor }), [caseId, refresh]);
  return (
    <>
      <ErrorAlert message={list.error ? errorMessage(list.error, t) : null} />
      {list.loaded && list.items.length === 0 && !list.error ? <p className="empty-note">{t("cases.notesEmpty")}</p> : null}
      <ol className="timeline-list">
        {list.items.map((item) => {
          const view = timelineView(item, t, language);
          return (
            <li key={item.id} className={view.confidential ? "confidential" : undefined} data-testid="note">
              <strong>{view.title}</strong>
              <span className="item-meta">
                {formatDateTime(item.at, language)}
                {item.actor ? ` — ${item.actor.display_name}` : null}
              </span>
              {view.lines.map((line, i) => (
                <p key={i} className="timeline-text">
                  {line}
                </p>
              ))}
            </li>
          );
        })}
      </ol>
      {list.cursor ? <LoadMore onClick={list.loadMore} busy={list.busy} /> : null}
    </>
  );
}
