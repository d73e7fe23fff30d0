import { useEffect, useState, type FormEvent } from "react";
import { addReferral, answerReferral, listReferrals } from "../../api/cases";
import type { Case, Referral, Service } from "../../api/types";
import { ErrorAlert, ErrorSummary, Notice, SelectField, StaleVersionAlert, TextField, errorMessage, fieldError, useSaveForm } from "../../components/forms";
import { formatCalendarDate } from "../../i18n/format";
import { useI18n } from "../../i18n/i18n";
import { useSession } from "../session/session";
import { PlacesFigures } from "../services/parts";
import { CatalogueServicePicker } from "./CatalogueServicePicker";
import { codeLabel } from "./labels";
import { TextAreaField, clientProblem, problemKey } from "./parts";
import { CatalogueReferral } from "./ReferralEnrolment";
import { REFERRAL_ANSWERS, isRealDate, localIsoDate, referralAnswerProblem, type ReferralAnswerForm } from "./rules";

/**
 * Referrals to services of providers, and their answers (accepted, refused, waiting list). A
 * referral names a service of the catalogue (with its places, and "Enrol": the answer then
 * follows the enrolment) or, outside the catalogue, a provider and a service in words.
 */
export function ReferralsPanel({ record, onChanged, printing }: { record: Case; onChanged: () => void; printing?: boolean }) {
  const { t, language } = useI18n();
  const { permissions } = useSession();
  const canWork = permissions.has("case.work") && !printing;
  const canEnrol = canWork && permissions.has("enrolment.work");
  const [items, setItems] = useState<Referral[] | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [version, setVersion] = useState(0);
  const [answering, setAnswering] = useState<string | null>(null);

  useEffect(() => {
    let cancelled = false;
    listReferrals(record.id).then(
      (loaded) => !cancelled && setItems(loaded),
      (caught: unknown) => !cancelled && setLoadError(caught),
    );
    return () => {
      cancelled = true;
    };
  }, [record.id, version]);

  const saved = (message: string) => {
    setNotice(message);
    setAnswering(null);
    setVersion((n) => n + 1);
    onChanged();
  };

  return (
    <>
      <ErrorAlert message={loadError ? errorMessage(loadError, t) : null} />
      <Notice message={notice} />
      {items && items.length === 0 ? <p className="empty-note">{t("cases.referralsEmpty")}</p> : null}
      <ul className="referral-list">
        {items?.map((referral) => (
          <li key={referral.id} data-testid="referral">
            <strong>{referral.provider}</strong>
            <span>{referral.service}</span>
            <span className="badge">{codeLabel("answer", referral.answer, t)}</span>
            <span className="item-meta">
              {t("cases.referredOn")}: {formatCalendarDate(referral.referred_on, language)}
              {referral.answered_on ? ` · ${t("cases.answeredOn")}: ${formatCalendarDate(referral.answered_on, language)}` : null}
              {referral.contact ? ` · ${referral.contact}` : null}
            </span>
            {referral.answer_reason ? <p className="timeline-text">{referral.answer_reason}</p> : null}
            {referral.service_id && !printing ? (
              <CatalogueReferral
                referral={{ ...referral, service_id: referral.service_id }}
                record={record}
                canEnrol={canEnrol}
                onEnrolled={(enrolment) =>
                  saved(
                    enrolment.state === "waiting"
                      ? t("services.enrolledWaiting", { name: enrolment.person.name, position: enrolment.position ?? 0 })
                      : t("services.enrolledActive", { name: enrolment.person.name }),
                  )
                }
              />
            ) : null}
            {canWork && referral.answer === "pending" && answering !== referral.id ? (
              <button
                type="button"
                className="button-secondary no-print"
                aria-label={t("cases.recordAnswerFor", { provider: referral.provider })}
                onClick={() => setAnswering(referral.id)}
              >
                {t("cases.recordAnswer")}
              </button>
            ) : null}
            {answering === referral.id ? (
              <AnswerForm referral={referral} onSaved={() => saved(t("cases.answerSaved"))} onCancel={() => setAnswering(null)} />
            ) : null}
          </li>
        ))}
      </ul>
      {canWork ? <ReferralForm record={record} onSaved={() => saved(t("cases.referralAdded"))} /> : null}
    </>
  );
}

function ReferralForm({ record, onSaved }: { record: Case; onSaved: () => void }) {
  const { t } = useI18n();
  const empty = { provider: "", service: "", contact: "", referred_on: localIsoDate() };
  const [form, setForm] = useState(empty);
  const [target, setTarget] = useState<"catalogue" | "free_text">("catalogue");
  const [chosen, setChosen] = useState<Service | null>(null);
  const { error, setError, busy, formRef, summaryRef, attempt } = useSaveForm();
  const err = (field: string) => fieldError(error, field, t);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const fromCatalogue = target === "catalogue";
    const problem =
      fromCatalogue && !chosen
        ? { field: "service_id", problem: "catalogue_service_required" }
        : !fromCatalogue && !form.provider.trim()
          ? { field: "provider", problem: "provider_required" }
          : !fromCatalogue && !form.service.trim()
            ? { field: "service", problem: "service_required" }
            : !form.referred_on
              ? { field: "referred_on", problem: "date_required" }
              : !isRealDate(form.referred_on)
                ? { field: "referred_on", problem: "date_invalid" }
                : null;
    if (problem) {
      setError(clientProblem(problem, t(problemKey(problem.problem))));
      return;
    }
    await attempt(async () => {
      await addReferral(record.id, {
        ...(fromCatalogue && chosen ? { service_id: chosen.id } : { provider: form.provider.trim(), service: form.service.trim() }),
        referred_on: form.referred_on,
        ...(form.contact.trim() ? { contact: form.contact.trim() } : {}),
      });
      setForm({ ...empty });
      setChosen(null);
      onSaved();
    });
  }

  return (
    <form className="inline-form no-print" ref={formRef} onSubmit={(e) => void submit(e)} noValidate aria-labelledby="referral-form-title">
      <h3 id="referral-form-title">{t("cases.addReferral")}</h3>
      <fieldset className="choice-row">
        <legend>{t("cases.referralTarget")}</legend>
        {(["catalogue", "free_text"] as const).map((value) => (
          <label key={value}>
            <input
              type="radio"
              name="referral_target"
              value={value}
              checked={target === value}
              onChange={() => {
                setTarget(value);
                setError(null);
              }}
            />{" "}
            {value === "catalogue" ? t("cases.referralFromCatalogue") : t("cases.referralFreeText")}
          </label>
        ))}
      </fieldset>
      {target === "catalogue" ? (
        chosen ? (
          <div className="chosen-service" data-testid="chosen-service">
            <span>{t("cases.chosenService", { service: chosen.name, provider: chosen.provider.name })}</span>
            <PlacesFigures service={chosen} />
            <button type="button" className="button-secondary" onClick={() => setChosen(null)}>
              {t("cases.changeService")}
            </button>
          </div>
        ) : (
          <CatalogueServicePicker
            communityCode={record.community_code}
            error={err("service_id")}
            onPick={(service) => {
              setChosen(service);
              setError(null);
            }}
          />
        )
      ) : null}
      <div className="form-grid">
        {target === "free_text" ? (
          <>
            <TextField label={t("cases.provider")} name="provider" required maxLength={200} value={form.provider} error={err("provider")} onChange={(e) => setForm({ ...form, provider: e.target.value })} />
            <TextField label={t("cases.service")} name="service" required maxLength={200} value={form.service} error={err("service")} onChange={(e) => setForm({ ...form, service: e.target.value })} />
          </>
        ) : null}
        <TextField label={t("cases.referralContact")} name="contact" maxLength={200} value={form.contact} error={err("contact")} onChange={(e) => setForm({ ...form, contact: e.target.value })} />
        <TextField label={t("cases.referredOn")} name="referred_on" type="date" required value={form.referred_on} error={err("referred_on")} onChange={(e) => setForm({ ...form, referred_on: e.target.value })} />
      </div>
      <div className="actions">
        <button type="submit" disabled={busy}>
          {t("cases.addReferral")}
        </button>
      </div>
      <ErrorSummary error={error} form={formRef} summaryRef={summaryRef} />
    </form>
  );
}

function AnswerForm({ referral, onSaved, onCancel }: { referral: Referral; onSaved: () => void; onCancel: () => void }) {
  const { t } = useI18n();
  const [form, setForm] = useState<ReferralAnswerForm>({ answer: "", answer_reason: "", answered_on: localIsoDate() });
  const { error, setError, busy, formRef, summaryRef, stale, attempt } = useSaveForm();
  const err = (field: string) => fieldError(error, field, t);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const problem = referralAnswerProblem(form);
    if (problem) {
      setError(clientProblem(problem, t(problemKey(problem.problem))));
      return;
    }
    await attempt(async () => {
      await answerReferral(referral.id, referral.version, {
        answer: form.answer,
        answered_on: form.answered_on,
        ...(form.answer_reason.trim() ? { answer_reason: form.answer_reason.trim() } : {}),
      });
      onSaved();
    });
  }

  return (
    <form className="inline-form" ref={formRef} onSubmit={(e) => void submit(e)} noValidate aria-label={t("cases.recordAnswerFor", { provider: referral.provider })}>
      {stale ? <StaleVersionAlert message={t("cases.staleVersion")} onReload={onSaved} /> : null}
      <div className="form-grid">
        <SelectField
          label={t("cases.answer")}
          name="answer"
          required
          value={form.answer}
          error={err("answer")}
          onChange={(e) => setForm({ ...form, answer: e.target.value as ReferralAnswerForm["answer"] })}
        >
          <option value="">{t("cases.choose")}</option>
          {REFERRAL_ANSWERS.map((a) => (
            <option key={a} value={a}>
              {codeLabel("answer", a, t)}
            </option>
          ))}
        </SelectField>
        <TextField label={t("cases.answeredOn")} name="answered_on" type="date" required value={form.answered_on} error={err("answered_on")} onChange={(e) => setForm({ ...form, answered_on: e.target.value })} />
      </div>
      <TextAreaField
        label={t("cases.answerReason")}
        name="answer_reason"
        required={form.answer === "refused"}
        maxLength={1000}
        value={form.answer_reason}
        error={err("answer_reason")}
        onChange={(e) => setForm({ ...form, answer_reason: e.target.value })}
      />
      <div className="actions">
        <button type="submit" disabled={busy}>
          {t("cases.recordAnswer")}
        </button>
        <button type="button" className="button-secondary" onClick={onCancel}>
          {t("common.cancel")}
        </button>
      </div>
      <ErrorSummary error={stale ? null : error} form={formRef} summaryRef={summaryRef} />
    </form>
  );
}
