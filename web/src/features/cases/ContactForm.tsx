import { useId, useRef, useState, type FormEvent } from "react";
import { recordContact } from "../../api/cases";
import type { Contact, ContactKind, ContactOutcome, ContactReason, ContactStatus } from "../../api/types";
import { ErrorSummary, SelectField, TextField, fieldError, useFocusFirstError } from "../../components/forms";
import { useI18n } from "../../i18n/i18n";
import { codeLabel } from "./labels";
import { TextAreaField, clientProblem, problemKey } from "./parts";
import {
  CONTACT_KINDS,
  CONTACT_OUTCOMES,
  CONTACT_REASONS,
  contactBody,
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
 */
export function ContactForm({
  subject,
  onSaved,
  onCancel,
}: {
  subject: { person_id?: string; household_id?: string; case_id?: string };
  onSaved: (contact: Contact) => void;
  onCancel: () => void;
}) {
  const { t } = useI18n();
  const today = localIsoDate();
  const titleId = useId();
  const [form, setForm] = useState<ContactFormState>(() => emptyContactForm(today));
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const summaryRef = useRef<HTMLDivElement>(null);
  useFocusFirstError(error, formRef, summaryRef);
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
    setBusy(true);
    setError(null);
    try {
      onSaved(await recordContact(contactBody(form, subject)));
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="inline-form" ref={formRef} onSubmit={(e) => void submit(e)} aria-labelledby={titleId} noValidate>
      <h3 id={titleId}>{t("cases.recordContact")}</h3>
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
          {busy ? t("common.saving") : t("cases.recordContact")}
        </button>
        <button type="button" className="button-secondary" onClick={onCancel}>
          {t("common.cancel")}
        </button>
      </div>
      <ErrorSummary error={error} form={formRef} summaryRef={summaryRef} />
    </form>
  );
}
