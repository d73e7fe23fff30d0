import { useId, useState, type FormEvent } from "react";
import { ApiError } from "../../api/client";
import { createEnrolment } from "../../api/services";
import type { Enrolment, EnrolmentPriority, NewEnrolment, PersonHit, Service } from "../../api/types";
import { ErrorSummary, SelectField, fieldError, useSaveForm } from "../../components/forms";
import { useI18n } from "../../i18n/i18n";
import { TextAreaField, clientProblem } from "../cases/parts";
import { formatBirthDate, fullName } from "../registry/labels";
import { PersonPicker } from "../registry/PersonPicker";
import { problemKey, serviceLabel } from "./labels";
import { PRIORITIES } from "./rules";

/**
 * "Enrol a person" in a service: the person found with the registry's search, a priority and
 * a note. A person who lives outside the places the service serves is enrolled only with a
 * reason: the server's 409 `enrolment.outside_area` opens the field for it, and the enrolment
 * is sent again with `outside_area_reason`.
 */
export function EnrolForm({
  service,
  onEnrolled,
  onCancel,
}: {
  service: Service;
  onEnrolled: (enrolment: Enrolment) => void;
  onCancel: () => void;
}) {
  const { t, language } = useI18n();
  const titleId = useId();
  const [person, setPerson] = useState<PersonHit | null>(null);
  const [priority, setPriority] = useState<EnrolmentPriority>("normal");
  const [note, setNote] = useState("");
  const [askReason, setAskReason] = useState(false);
  const [reason, setReason] = useState("");
  const { error, setError, busy, formRef, summaryRef, attempt } = useSaveForm();
  const err = (field: string) => fieldError(error, field, t);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!person) {
      setError(clientProblem({ field: "person_id", problem: "person_required" }, t(problemKey("person_required"))));
      return;
    }
    if (askReason && !reason.trim()) {
      setError(
        clientProblem(
          { field: "outside_area_reason", problem: "outside_area_reason_required" },
          t(problemKey("outside_area_reason_required")),
        ),
      );
      return;
    }
    const body: NewEnrolment = { service_id: service.id, person_id: person.id, priority };
    if (note.trim()) body.note = note.trim();
    if (askReason) body.outside_area_reason = reason.trim();
    await attempt(async () => {
      try {
        onEnrolled(await createEnrolment(body));
      } catch (caught) {
        if (caught instanceof ApiError && caught.code === "enrolment.outside_area") setAskReason(true);
        throw caught;
      }
    });
  }

  return (
    <form className="inline-form enrol-form" ref={formRef} onSubmit={(e) => void submit(e)} noValidate aria-labelledby={titleId}>
      <h2 id={titleId}>{t("services.enrol")}</h2>
      {person ? (
        <div className="chosen-person">
          <span data-testid="chosen-person">
            {t("services.chosenPerson", { name: fullName(person) })}{" "}
            <span className="muted">
              {[formatBirthDate(person.birth_date, language), person.community_name].filter(Boolean).join(" · ")}
            </span>
          </span>
          <button
            type="button"
            className="button-secondary"
            onClick={() => {
              setPerson(null);
              setAskReason(false);
              setReason("");
              setError(null);
            }}
          >
            {t("services.changePerson")}
          </button>
          {err("person_id") ? (
            <p className="field-error">
              {err("person_id")}
            </p>
          ) : null}
        </div>
      ) : (
        <PersonPicker
          label={t("services.findPerson")}
          exclude={[]}
          pickLabel={t("services.choosePerson")}
          pickLabelNamed={(name) => t("services.choosePersonNamed", { name })}
          error={err("person_id")}
          onPick={(hit) => {
            setPerson(hit);
            setError(null);
          }}
        />
      )}
      <div className="form-grid">
        <SelectField
          label={t("services.field.priority")}
          name="priority"
          value={priority}
          error={err("priority")}
          onChange={(e) => setPriority(e.target.value as EnrolmentPriority)}
        >
          {PRIORITIES.map((value) => (
            <option key={value} value={value}>
              {serviceLabel("priority", value, t)}
            </option>
          ))}
        </SelectField>
      </div>
      <TextAreaField
        label={t("services.field.note")}
        name="note"
        value={note}
        error={err("note")}
        onChange={(e) => setNote(e.target.value)}
      />
      {askReason ? (
        <>
          <p className="alert alert-warning">
            {t("services.outsideAreaAsk", { name: person ? fullName(person) : "" })}
          </p>
          <TextAreaField
            label={t("services.field.outside_area_reason")}
            name="outside_area_reason"
            required
            value={reason}
            error={err("outside_area_reason")}
            onChange={(e) => setReason(e.target.value)}
          />
        </>
      ) : null}
      <div className="actions">
        <button type="submit" disabled={busy}>
          {busy ? t("common.saving") : t("services.enrolSubmit")}
        </button>
        <button type="button" className="button-secondary" onClick={onCancel}>
          {t("common.cancel")}
        </button>
      </div>
      <ErrorSummary error={error} form={formRef} summaryRef={summaryRef} />
    </form>
  );
}
