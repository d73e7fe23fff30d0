import { useId, useState, type FormEvent } from "react";
import { recordContact, updateContact } from "../../api/cases";
import type { Contact, ContactKind, ContactOutcome, ContactReason, ContactStatus } from "../../api/types";
import { ErrorSummary, SelectField, StaleVersionAlert, TextField, fieldError, useSaveForm } from "../../components/forms";
import { formatCalendarDate } from "../../i18n/format";
import { useI18n } from "../../i18n/i18n";
import { codeLabel } from "./labels";
import { TextAreaField, clientProblem, problemKey } from "./parts";
import {
  CONTACT_KINDS,
  CONTACT_OUTCOMES,
  CONTACT_REASONS,
  contactBody,
  contactChanges,
  contactFormOf,
  contactProblem,
  emptyContactForm,
  localIsoDate,
  statusesFor,
  type ContactFormState,
} from "./rules";

/**
 * "Record contact": the few fields of an audience, a call or a meeting (kind, date — today by
 * default —, reason, what was done, outcome), and for a home visit whether it is planned, done
 * or missed, who was present, what was seen and what comes next. Made to be filled in under a
 * minute; everything but the kind and the date may stay empty.
 *
 * Given a recorded `contact`, the same form changes it (PATCH, its subject kept); with
 * `recordVisit` a planned home visit opens as done, to write down how it went.
 */
export function ContactForm({
  subject,
  contact,
  recordVisit,
  onSaved,
  onCancel,
  onReload,
}: {
  subject?: { person_id?: string; household_id?: string; case_id?: string };
  contact?: Contact;
  recordVisit?: boolean;
  onSaved: (contact: Contact) => void;
  onCancel: () => void;
  /** After a version conflict: load the contact again (the form closes). */
  onReload?: () => void;
}) {
  const { t, language } = useI18n();
  const today = localIsoDate();
  const titleId = useId();
  const [form, setForm] = useState<ContactFormState>(() =>
    contact ? contactFormOf(contact, recordVisit && contact.status === "planned" ? "done" : contact.status) : emptyContactForm(today),
  );
  const { error, setError, busy, formRef, summaryRef, stale, attempt } = useSaveForm();
  const set = <K extends keyof ContactFormState>(key: K, value: ContactFormState[K]) =>
    setForm((previous) => ({ ...previous, [key]: value }));
  const err = (field: string) => fieldError(error, field, t);
  const visit = form.kind === "home_visit";
  const visitDone = !visit || form.status === "done";

  async function submit(event: FormEvent) {
    event.preventDefault();
    const problem = contactProblem(form, today);
    if (problem) {
      setError(clientProblem(problem, t(problemKey(problem.problem))));
      return;
    }
    if (contact) {
      const changes = contactChanges(form, contact);
      if (Object.keys(changes).length === 0) {
        onCancel();
        return;
      }
      await save(() => updateContact(contact.id, contact.version, changes));
    } else {
      await save(() => recordContact(contactBody(form, subject ?? {})));
    }
  }

  async function save(send: () => Promise<Contact>) {
    await attempt(async () => {
      onSaved(await send());
    });
  }

  const title = !contact
    ? t("cases.recordContact")
    : recordVisit
      ? t("cases.recordVisitOf", { date: formatCalendarDate(contact.date, language) })
      : t("cases.editContactOf", { date: formatCalendarDate(contact.date, language) });

  return (
    <form className="inline-form" ref={formRef} onSubmit={(e) => void submit(e)} aria-labelledby={titleId} noValidate>
      <h3 id={titleId}>{title}</h3>
      {stale ? <StaleVersionAlert message={t("cases.staleContact")} onReload={onReload ?? onCancel} /> : null}
      <div className="form-grid">
        <SelectField
          label={t("cases.contact.kind")}
          name="kind"
          required
          value={form.kind}
          error={err("kind")}
          onChange={(e) => {
            const kind = e.target.value as ContactKind | "";
            setForm((previous) => ({
              ...previous,
              kind,
              status: statusesFor(kind).includes(previous.status) ? previous.status : "done",
            }));
          }}
        >
          <option value="">{t("cases.choose")}</option>
          {CONTACT_KINDS.map((kind) => (
            <option key={kind} value={kind}>
              {codeLabel("contactKind", kind, t)}
            </option>
          ))}
        </SelectField>
        {visit ? (
          <SelectField
            label={t("cases.contact.status")}
            name="status"
            value={form.status}
            error={err("status")}
            onChange={(e) => set("status", e.target.value as ContactStatus)}
          >
            {statusesFor(form.kind).map((status) => (
              <option key={status} value={status}>
                {codeLabel("contactStatus", status, t)}
              </option>
            ))}
          </SelectField>
        ) : null}
        <TextField
          label={t("cases.contact.date")}
          name="date"
          type="date"
          required
          value={form.date}
          error={err("date")}
          onChange={(e) => set("date", e.target.value)}
        />
        <TextField
          label={t("cases.contact.time")}
          name="time"
          type="time"
          value={form.time}
          error={err("time")}
          onChange={(e) => set("time", e.target.value)}
        />
        <SelectField
          label={t("cases.contact.reason")}
          name="reason"
          required={form.kind === "audience" || form.kind === "phone_call"}
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
      </div>
      {visit && form.status !== "planned" ? (
        <TextField
          label={t("cases.contact.present")}
          name="present"
          value={form.present}
          maxLength={1000}
          error={err("present")}
          onChange={(e) => set("present", e.target.value)}
        />
      ) : null}
      {visit && form.status !== "planned" ? (
        <TextAreaField
          label={t("cases.contact.observations")}
          name="observations"
          value={form.observations}
          maxLength={4000}
          error={err("observations")}
          onChange={(e) => set("observations", e.target.value)}
        />
      ) : null}
      <TextAreaField
        label={t("cases.contact.action_taken")}
        name="action_taken"
        value={form.action_taken}
        maxLength={4000}
        error={err("action_taken")}
        onChange={(e) => set("action_taken", e.target.value)}
      />
      {visitDone ? (
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
      ) : null}
      {visit ? (
        <TextAreaField
          label={t("cases.contact.next_steps")}
          name="next_steps"
          value={form.next_steps}
          maxLength={4000}
          error={err("next_steps")}
          onChange={(e) => set("next_steps", e.target.value)}
        />
      ) : null}
      <div className="actions">
        <button type="submit" disabled={busy}>
          {busy ? t("common.saving") : contact ? t("common.save") : t("cases.recordContact")}
        </button>
        <button type="button" className="button-secondary" onClick={onCancel}>
          {t("common.cancel")}
        </button>
      </div>
      <ErrorSummary error={stale ? null : error} form={formRef} summaryRef={summaryRef} />
    </form>
  );
}
