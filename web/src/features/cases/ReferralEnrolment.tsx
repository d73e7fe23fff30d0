import { useEffect, useId, useState, type FormEvent } from "react";
import { Link } from "react-router-dom";
import { ApiError } from "../../api/client";
import { getHousehold } from "../../api/registry";
import { createEnrolment, getEnrolment, getService } from "../../api/services";
import type { Case, Enrolment, EnrolmentPriority, HouseholdMember, NewEnrolment, Referral, Service } from "../../api/types";
import { ErrorAlert, ErrorSummary, SelectField, errorMessage, fieldError, useSaveForm } from "../../components/forms";
import { useI18n } from "../../i18n/i18n";
import { serviceLabel } from "../services/labels";
import { EnrolmentStateBadge, PlacesFigures } from "../services/parts";
import { PRIORITIES } from "../services/rules";
import { TextAreaField, clientProblem, problemKey } from "./parts";

/**
 * What a referral to a service of the catalogue adds to the case's referrals: the service's
 * places and waiting list, the enrolment made from the referral (its state and place in the
 * line) and, while the referral waits for its answer, "Enrol", which enrols the case's person
 * (or a member of its household) with the case and the referral: the referral's answer then
 * follows the enrolment.
 */
export function CatalogueReferral({
  referral,
  record,
  canEnrol,
  onEnrolled,
}: {
  referral: Referral & { service_id: string };
  record: Case;
  canEnrol: boolean;
  onEnrolled: (enrolment: Enrolment) => void;
}) {
  const { t } = useI18n();
  const [service, setService] = useState<Service | null>(null);
  const [enrolment, setEnrolment] = useState<Enrolment | null>(null);
  const [enrolling, setEnrolling] = useState(false);

  useEffect(() => {
    let cancelled = false;
    // Figures the caller may not see (another territory's service) are simply left out.
    getService(referral.service_id).then(
      (loaded) => !cancelled && setService(loaded),
      () => undefined,
    );
    if (referral.enrolment_id) {
      getEnrolment(referral.enrolment_id).then(
        (loaded) => !cancelled && setEnrolment(loaded),
        () => undefined,
      );
    }
    return () => {
      cancelled = true;
    };
  }, [referral.service_id, referral.enrolment_id, referral.version]);

  return (
    <div className="catalogue-referral" data-testid="catalogue-referral">
      {service ? (
        <>
          <Link to={`/services/${encodeURIComponent(service.id)}`}>{t("cases.seeService")}</Link>
          <PlacesFigures service={service} />
        </>
      ) : null}
      {enrolment ? (
        <p className="referral-enrolment" data-testid="referral-enrolment">
          {t("cases.enrolmentOf", { name: enrolment.person.name })} <EnrolmentStateBadge state={enrolment.state} />
          {enrolment.state === "waiting" && enrolment.position ? ` ${t("services.position", { position: enrolment.position })}` : null}
        </p>
      ) : null}
      {canEnrol && !referral.enrolment_id && referral.answer === "pending" && !enrolling ? (
        <button
          type="button"
          className="no-print"
          aria-label={t("cases.enrolFromReferralNamed", { service: referral.service })}
          onClick={() => setEnrolling(true)}
        >
          {t("cases.enrolFromReferral")}
        </button>
      ) : null}
      {enrolling ? (
        <EnrolFromReferralForm
          referral={referral}
          record={record}
          onEnrolled={(made) => {
            setEnrolling(false);
            onEnrolled(made);
          }}
          onCancel={() => setEnrolling(false)}
        />
      ) : null}
    </div>
  );
}

function EnrolFromReferralForm({
  referral,
  record,
  onEnrolled,
  onCancel,
}: {
  referral: Referral & { service_id: string };
  record: Case;
  onEnrolled: (enrolment: Enrolment) => void;
  onCancel: () => void;
}) {
  const { t } = useI18n();
  const titleId = useId();
  const household = record.subject.kind === "household";
  const [members, setMembers] = useState<HouseholdMember[] | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [personId, setPersonId] = useState(household ? "" : record.subject.id);
  const [priority, setPriority] = useState<EnrolmentPriority>("normal");
  const [askReason, setAskReason] = useState(false);
  const [reason, setReason] = useState("");
  const { error, setError, busy, formRef, summaryRef, attempt } = useSaveForm();
  const err = (field: string) => fieldError(error, field, t);

  useEffect(() => {
    if (!household) return;
    let cancelled = false;
    getHousehold(record.subject.id).then(
      (loaded) => !cancelled && setMembers(loaded.members),
      (caught: unknown) => !cancelled && setLoadError(caught),
    );
    return () => {
      cancelled = true;
    };
  }, [household, record.subject.id]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!personId) {
      setError(clientProblem({ field: "person_id", problem: "member_required" }, t(problemKey("member_required"))));
      return;
    }
    if (askReason && !reason.trim()) {
      setError(
        clientProblem({ field: "outside_area_reason", problem: "outside_area_reason_required" }, t("services.problem.outside_area_reason_required")),
      );
      return;
    }
    const body: NewEnrolment = {
      service_id: referral.service_id,
      person_id: personId,
      case_id: record.id,
      referral_id: referral.id,
      priority,
    };
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

  const memberName = (m: HouseholdMember) => `${m.family_name} ${m.given_name}`;
  const chosen = members?.find((m) => m.person_id === personId);
  return (
    <form className="inline-form enrol-form" ref={formRef} onSubmit={(e) => void submit(e)} noValidate aria-labelledby={titleId}>
      <h4 id={titleId}>{t("cases.enrolFromReferralNamed", { service: referral.service })}</h4>
      <ErrorAlert message={loadError ? errorMessage(loadError, t) : null} />
      <div className="form-grid">
        {household ? (
          <SelectField label={t("cases.memberToEnrol")} name="person_id" required value={personId} error={err("person_id")} onChange={(e) => setPersonId(e.target.value)}>
            <option value="">{t("cases.choose")}</option>
            {members?.map((m) => (
              <option key={m.person_id} value={m.person_id}>
                {memberName(m)}
              </option>
            ))}
          </SelectField>
        ) : null}
        <SelectField label={t("services.field.priority")} name="priority" value={priority} error={err("priority")} onChange={(e) => setPriority(e.target.value as EnrolmentPriority)}>
          {PRIORITIES.map((value) => (
            <option key={value} value={value}>
              {serviceLabel("priority", value, t)}
            </option>
          ))}
        </SelectField>
      </div>
      {askReason ? (
        <>
          <p className="alert alert-warning">
            {t("services.outsideAreaAsk", { name: household ? (chosen ? memberName(chosen) : "") : record.subject.name })}
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
      {err("referral_id") ? <p className="field-error">{err("referral_id")}</p> : null}
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
