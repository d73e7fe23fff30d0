import { useId, useState, type FormEvent, type ReactNode, type RefObject } from "react";
import { openCase, recordContact } from "../../api/cases";
import { resolveHelpRequest } from "../../api/helpRequests";
import type { Case, Contact, ContactOutcome, ContactReason, HelpRequest } from "../../api/types";
import {
  ErrorSummary,
  RequiredNote,
  SelectField,
  StaleVersionAlert,
  TextField,
  fieldError,
} from "../../components/forms";
import { useI18n, type Translate } from "../../i18n/i18n";
import { CaseFields } from "../cases/CaseFields";
import { codeLabel } from "../cases/labels";
import { TextAreaField, clientProblem, problemKey as caseProblemKey } from "../cases/parts";
import {
  CONTACT_OUTCOMES,
  CONTACT_REASONS,
  caseProblem,
  contactBody,
  contactProblem,
  emptyContactForm,
  localIsoDate,
  type CaseFormState,
  type ContactFormState,
} from "../cases/rules";
import { problemKey } from "./labels";
import { PersonChoice } from "./PersonChoice";
import {
  MAX_ANSWER,
  MAX_CASEWORK_TEXT,
  answerProblem,
  personProblem,
  prefillFromNeed,
  resolution,
  type AnswerFormProblem,
  type ChosenPerson,
} from "./rules";
import { useAnswerForm } from "./useAnswerForm";

interface AnswerProps {
  request: HelpRequest;
  /** The request as answered, with the sentence that says so. */
  onResolved: (answered: HelpRequest, notice: string) => void;
  onCancel: () => void;
  /** After a conflict: read the request again (someone answered it meanwhile). */
  onReload: () => void;
}

function answerError(problem: AnswerFormProblem, request: HelpRequest, t: Translate) {
  return clientProblem(problem, t(problemKey(problem.problem), { community: request.community_name }));
}

/** The heading the prefilled texts start with, naming the request. */
function prefill(request: HelpRequest, t: Translate): string {
  return prefillFromNeed(t("intake.prefill", { confirmation: request.confirmation }), request.need);
}

/** The frame each answer shares: its title, the alert of a conflict, the person, the form. */
function AnswerPanel({
  title,
  titleId,
  conflict,
  conflictNote,
  onReload,
  panelRef,
  children,
}: {
  title: string;
  titleId: string;
  conflict: boolean;
  conflictNote?: string | null;
  onReload: () => void;
  panelRef: RefObject<HTMLDivElement | null>;
  children: ReactNode;
}) {
  const { t } = useI18n();
  return (
    <section className="inline-form answer-panel" aria-labelledby={titleId}>
      <h3 id={titleId}>{title}</h3>
      {conflict ? (
        <StaleVersionAlert message={[t("intake.stale"), conflictNote].filter(Boolean).join(" ")} onReload={onReload} />
      ) : null}
      <div ref={panelRef}>{children}</div>
    </section>
  );
}

/**
 * "Record as audience": the person, then the few fields of an audience (reason, date —
 * today —, what was done, from the resident's words, and the outcome); the contact is
 * recorded, then the request answered with it. A contact recorded by an attempt whose answer
 * failed is not recorded again: the next attempt only answers.
 */
export function AudienceAnswer({ request, onResolved, onCancel, onReload }: AnswerProps) {
  const { t } = useI18n();
  const titleId = useId();
  const today = localIsoDate();
  const [person, setPerson] = useState<ChosenPerson | null>(null);
  const [form, setForm] = useState<ContactFormState>(() => ({
    ...emptyContactForm(today, "audience"),
    action_taken: prefill(request, t),
  }));
  const [recorded, setRecorded] = useState<Contact | null>(null);
  const { error, setError, busy, panelRef, summaryRef, conflict, attempt } = useAnswerForm();
  const err = (field: string) => fieldError(error, field, t);
  const set = <K extends keyof ContactFormState>(key: K, value: ContactFormState[K]) =>
    setForm((previous) => ({ ...previous, [key]: value }));

  async function submit(event: FormEvent) {
    event.preventDefault();
    const wrongPerson = personProblem(person, request);
    if (wrongPerson || !person) {
      setError(answerError(wrongPerson ?? { field: "person_id", problem: "person_required" }, request, t));
      return;
    }
    const problem = contactProblem(form, today);
    if (problem) {
      setError(clientProblem(problem, t(caseProblemKey(problem.problem))));
      return;
    }
    await attempt(async () => {
      const contact = recorded ?? (await recordContact(contactBody(form, { person_id: person.id })));
      setRecorded(contact);
      const answered = await resolveHelpRequest(
        request.id,
        request.version,
        resolution({ outcome: "audience", contactId: contact.id }),
      );
      onResolved(answered, t("intake.resolved.audience", { name: person.name }));
    });
  }

  return (
    <AnswerPanel
      title={t("intake.audienceTitle")}
      titleId={titleId}
      conflict={conflict}
      conflictNote={recorded ? t("intake.keptAudience") : null}
      onReload={onReload}
      panelRef={panelRef}
    >
      <PersonChoice
        request={request}
        person={person}
        onChange={(next) => {
          setPerson(next);
          setRecorded(null);
          setError(null);
        }}
        error={err("person_id")}
      />
      <form onSubmit={(e) => void submit(e)} noValidate>
        <RequiredNote />
        <div className="form-grid">
          <SelectField
            label={t("cases.contact.reason")}
            name="reason"
            required
            value={form.reason}
            error={err("reason")}
            onChange={(e) => set("reason", e.target.value as ContactReason | "")}
          >
            <option value="">{t("cases.choose")}</option>
            {CONTACT_REASONS.map((reason) => (
              <option key={reason} value={reason}>
                {codeLabel("reason", reason, t)}
              </option>
            ))}
          </SelectField>
          <TextField
            label={t("cases.contact.date")}
            name="date"
            type="date"
            required
            value={form.date}
            error={err("date")}
            onChange={(e) => set("date", e.target.value)}
          />
        </div>
        <TextAreaField
          label={t("cases.contact.action_taken")}
          name="action_taken"
          rows={5}
          maxLength={MAX_CASEWORK_TEXT}
          value={form.action_taken}
          error={err("action_taken")}
          onChange={(e) => set("action_taken", e.target.value)}
        />
        <SelectField
          label={t("cases.contact.outcome")}
          name="outcome"
          value={form.outcome}
          error={err("outcome")}
          onChange={(e) => set("outcome", e.target.value as ContactOutcome | "")}
        >
          <option value="">{t("cases.choose")}</option>
          {CONTACT_OUTCOMES.map((outcome) => (
            <option key={outcome} value={outcome}>
              {codeLabel("outcome", outcome, t)}
            </option>
          ))}
        </SelectField>
        <div className="actions">
          <button type="submit" disabled={busy || conflict}>
            {busy ? t("common.saving") : t("intake.recordAudience")}
          </button>
          <button type="button" className="button-secondary" onClick={onCancel}>
            {t("common.cancel")}
          </button>
        </div>
        <ErrorSummary error={conflict ? null : error} form={panelRef} summaryRef={summaryRef} />
      </form>
    </AnswerPanel>
  );
}

/**
 * "Open a case": the person, then what the case is about (category, risk, and the opening
 * reason from the resident's words); the case is opened, then the request answered with it.
 * A case opened by an attempt whose answer failed is not opened again.
 */
export function CaseAnswer({ request, onResolved, onCancel, onReload }: AnswerProps) {
  const { t } = useI18n();
  const titleId = useId();
  const [person, setPerson] = useState<ChosenPerson | null>(null);
  const [form, setForm] = useState<CaseFormState>(() => ({
    category: "",
    risk_level: "",
    opening_reason: prefill(request, t),
  }));
  const [opened, setOpened] = useState<Case | null>(null);
  const { error, setError, busy, panelRef, summaryRef, conflict, attempt } = useAnswerForm();
  const err = (field: string) => fieldError(error, field, t);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const wrongPerson = personProblem(person, request);
    if (wrongPerson || !person) {
      setError(answerError(wrongPerson ?? { field: "person_id", problem: "person_required" }, request, t));
      return;
    }
    const problem = caseProblem(form);
    if (problem) {
      setError(clientProblem(problem, t(caseProblemKey(problem.problem))));
      return;
    }
    await attempt(async () => {
      const found =
        opened ??
        (await openCase({
          person_id: person.id,
          category: form.category,
          risk_level: form.risk_level,
          opening_reason: form.opening_reason.trim(),
        }));
      setOpened(found);
      const answered = await resolveHelpRequest(request.id, request.version, resolution({ outcome: "case", caseId: found.id }));
      onResolved(answered, t("intake.resolved.case", { number: found.number }));
    });
  }

  return (
    <AnswerPanel
      title={t("intake.caseTitle")}
      titleId={titleId}
      conflict={conflict}
      conflictNote={opened ? t("intake.keptCase", { number: opened.number }) : null}
      onReload={onReload}
      panelRef={panelRef}
    >
      <PersonChoice
        request={request}
        person={person}
        onChange={(next) => {
          setPerson(next);
          setOpened(null);
          setError(null);
        }}
        error={err("person_id")}
      />
      <form onSubmit={(e) => void submit(e)} noValidate>
        <RequiredNote />
        <CaseFields value={form} onChange={setForm} error={err} />
        <div className="actions">
          <button type="submit" disabled={busy || conflict}>
            {busy ? t("common.saving") : t("intake.openCase")}
          </button>
          <button type="button" className="button-secondary" onClick={onCancel}>
            {t("common.cancel")}
          </button>
        </div>
        <ErrorSummary error={conflict ? null : error} form={panelRef} summaryRef={summaryRef} />
      </form>
    </AnswerPanel>
  );
}

/** "Close with an answer": what was done or said, kept with the request. */
export function CloseAnswer({ request, onResolved, onCancel, onReload }: AnswerProps) {
  const { t } = useI18n();
  const titleId = useId();
  const [answer, setAnswer] = useState("");
  const { error, setError, busy, panelRef, summaryRef, conflict, attempt } = useAnswerForm();
  const err = (field: string) => fieldError(error, field, t);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const problem = answerProblem(answer);
    if (problem) {
      setError(answerError(problem, request, t));
      return;
    }
    await attempt(async () => {
      const answered = await resolveHelpRequest(request.id, request.version, resolution({ outcome: "closed", answer }));
      onResolved(answered, t("intake.resolved.closed"));
    });
  }

  return (
    <AnswerPanel
      title={t("intake.closeTitle")}
      titleId={titleId}
      conflict={conflict}
      onReload={onReload}
      panelRef={panelRef}
    >
      <form onSubmit={(e) => void submit(e)} noValidate>
        <TextAreaField
          label={t("intake.answerLabel")}
          name="answer"
          required
          rows={4}
          maxLength={MAX_ANSWER}
          hint={t("intake.closeHint")}
          value={answer}
          error={err("answer")}
          onChange={(e) => setAnswer(e.target.value)}
        />
        <div className="actions">
          <button type="submit" disabled={busy || conflict}>
            {busy ? t("common.saving") : t("intake.close")}
          </button>
          <button type="button" className="button-secondary" onClick={onCancel}>
            {t("common.cancel")}
          </button>
        </div>
        <ErrorSummary error={conflict ? null : error} form={panelRef} summaryRef={summaryRef} />
      </form>
    </AnswerPanel>
  );
}
