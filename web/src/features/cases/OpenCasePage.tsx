import { useEffect, useRef, useState, type FormEvent } from "react";
import { Link, useNavigate, useSearchParams } from "react-router-dom";
import { getContact, openCase } from "../../api/cases";
import { getHousehold, getPerson } from "../../api/registry";
import type { Contact, NewCase } from "../../api/types";
import { ErrorAlert, ErrorSummary, RequiredNote, SelectField, errorMessage, fieldError, useFocusFirstError } from "../../components/forms";
import { usePageTitle } from "../../components/usePageTitle";
import { formatCalendarDate } from "../../i18n/format";
import { useI18n } from "../../i18n/i18n";
import { fullName } from "../registry/labels";
import { useSession } from "../session/session";
import { CaseFields } from "./CaseFields";
import { clientProblem, problemKey } from "./parts";
import { caseProblem, type CaseFormState } from "./rules";
import { useCaseWorkers } from "./workers";

/** Open a case on a person (?person=) or a household (?household=), maybe from a contact (&contact=). */
export function OpenCasePage() {
  const { t, language } = useI18n();
  usePageTitle(t("cases.newTitle"));
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const { user } = useSession();
  const personId = params.get("person");
  const householdId = params.get("household");
  const contactId = params.get("contact");
  const assessmentId = params.get("assessment");
  const [subject, setSubject] = useState<{ name: string; community: string } | null>(null);
  const [contact, setContact] = useState<Contact | null>(null);
  // Colleagues who may be given the case: those who work on cases in the subject's community.
  const workers = useCaseWorkers(subject?.community).filter((w) => w.id !== user?.id);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [form, setForm] = useState<CaseFormState>({ category: "", risk_level: "", opening_reason: "" });
  const [worker, setWorker] = useState("");
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const summaryRef = useRef<HTMLDivElement>(null);
  useFocusFirstError(error, formRef, summaryRef);
  const err = (field: string) => fieldError(error, field, t);

  useEffect(() => {
    let cancelled = false;
    const loading = personId
      ? getPerson(personId).then((p) => ({ name: fullName(p), community: p.community_code }))
      : householdId
        ? getHousehold(householdId).then((h) => {
            const head = h.members.find((m) => m.relationship_to_head === "head") ?? h.members[0];
            const name = head ? t("cases.householdOf", { name: fullName(head) }) : t("cases.subject.household");
            return { name, community: h.community_code };
          })
        : null;
    loading?.then(
      (loaded) => !cancelled && setSubject(loaded),
      (caught: unknown) => !cancelled && setLoadError(caught),
    );
    if (contactId) {
      getContact(contactId).then(
        (c) => !cancelled && setContact(c),
        () => undefined,
      );
    }
    return () => {
      cancelled = true;
    };
  }, [personId, householdId, contactId, t]);

  if (!personId && !householdId) {
    return (
      <section className="page">
        <h1>{t("cases.newTitle")}</h1>
        <p>{t("cases.noSubject")}</p>
        <p>
          <Link to="/registry">{t("nav.registry")}</Link>
        </p>
      </section>
    );
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    const problem = caseProblem(form);
    if (problem) {
      setError(clientProblem(problem, t(problemKey(problem.problem))));
      return;
    }
    const body: NewCase = {
      ...(personId ? { person_id: personId } : { household_id: householdId ?? "" }),
      category: form.category,
      risk_level: form.risk_level,
      opening_reason: form.opening_reason.trim(),
    };
    if (worker) body.assigned_worker_id = worker;
    if (contactId) body.origin_contact_id = contactId;
    else if (assessmentId) body.origin_assessment_id = assessmentId;
    setBusy(true);
    setError(null);
    try {
      const opened = await openCase(body);
      void navigate(`/cases/${encodeURIComponent(opened.id)}`, { state: { opened: opened.number } });
    } catch (caught) {
      setError(caught);
      setBusy(false);
    }
  }

  return (
    <section className="page narrow" aria-labelledby="open-case-title">
      <h1 id="open-case-title">{t("cases.newTitle")}</h1>
      <ErrorAlert message={loadError ? errorMessage(loadError, t) : null} />
      {subject ? <p className="lead">{t("cases.newFor", { name: subject.name })}</p> : null}
      {contact ? <p>{t("cases.fromContact", { date: formatCalendarDate(contact.date, language) })}</p> : null}
      {assessmentId && !contactId ? <p>{t("cases.fromAssessment")}</p> : null}
      <form ref={formRef} onSubmit={(e) => void submit(e)} noValidate>
        <RequiredNote />
        <CaseFields value={form} onChange={setForm} error={err} />
        <SelectField
          label={t("cases.field.worker")}
          name="assigned_worker_id"
          value={worker}
          error={err("assigned_worker_id")}
          onChange={(e) => setWorker(e.target.value)}
        >
          <option value="">{t("cases.workerMe", { name: user?.display_name ?? "" })}</option>
          {workers.map((w) => (
            <option key={w.id} value={w.id}>
              {w.display_name}
            </option>
          ))}
        </SelectField>
        <div className="actions">
          <button type="submit" disabled={busy}>
            {busy ? t("common.saving") : t("cases.create")}
          </button>
          <button type="button" className="button-secondary" onClick={() => void navigate(-1)}>
            {t("common.cancel")}
          </button>
        </div>
        <ErrorSummary error={error} form={formRef} summaryRef={summaryRef} />
      </form>
    </section>
  );
}
