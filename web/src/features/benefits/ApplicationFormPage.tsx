import { useEffect, useState, type FormEvent } from "react";
import { Link, useNavigate, useSearchParams } from "react-router-dom";
import { createApplication, listProgrammes } from "../../api/benefits";
import { getHousehold } from "../../api/registry";
import type { Household, Programme } from "../../api/types";
import {
  ErrorAlert,
  ErrorSummary,
  RequiredNote,
  SelectField,
  TextField,
  errorMessage,
  fieldError,
  useSaveForm,
} from "../../components/forms";
import { usePageTitle } from "../../components/usePageTitle";
import { useI18n } from "../../i18n/i18n";
import { CheckboxField, TextAreaField, clientProblem } from "../cases/parts";
import { problemKey } from "./labels";
import { HouseholdFinder, IncomeRowsEditor } from "./parts";
import { addMonths, incomesOf, isMonth, monthOf, type IncomeRow } from "./rules";

/**
 * /benefits/applications/new?programme=&household=: records a household's application (the
 * applicant among its members, the period, the income declaration member by member and the
 * programme's documents checklist). The saved application opens with its eligibility.
 */
export function ApplicationFormPage() {
  const { t, language } = useI18n();
  usePageTitle(t("benefits.newApplication"));
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [programmes, setProgrammes] = useState<Programme[]>([]);
  const [programmeId, setProgrammeId] = useState(params.get("programme") ?? "");
  const [householdId, setHouseholdId] = useState(params.get("household") ?? "");
  const [household, setHousehold] = useState<Household | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [applicant, setApplicant] = useState("");
  const [from, setFrom] = useState(monthOf(new Date()));
  const [to, setTo] = useState(addMonths(monthOf(new Date()), 5));
  const [residentSince, setResidentSince] = useState("");
  const [incomes, setIncomes] = useState<IncomeRow[]>([]);
  const [provided, setProvided] = useState<Record<string, boolean>>({});
  const [note, setNote] = useState("");
  const { error, setError, busy, formRef, summaryRef, attempt } = useSaveForm();
  const programme = programmes.find((p) => p.id === programmeId) ?? null;
  const oneOff = programme?.kind === "one_off_grant";

  useEffect(() => {
    let current = true;
    listProgrammes({ status: "open", limit: 200 }).then(
      (page) => current && setProgrammes(page.items),
      (caught: unknown) => current && setLoadError(caught),
    );
    return () => {
      current = false;
    };
  }, []);

  useEffect(() => {
    if (!householdId) return;
    let current = true;
    getHousehold(householdId).then(
      (found) => {
        if (!current) return;
        setHousehold(found);
        setApplicant(found.head_person_id ?? found.members[0]?.person_id ?? "");
      },
      (caught: unknown) => current && setLoadError(caught),
    );
    return () => {
      current = false;
    };
  }, [householdId]);

  const err = (field: string) => fieldError(error, field, t);
  const memberName = (m: Household["members"][number]) => `${m.given_name} ${m.family_name}`;

  async function save(event: FormEvent) {
    event.preventDefault();
    if (!programme) {
      setError(clientProblem({ field: "programme_id", problem: "required" }, t(problemKey("required"))));
      return;
    }
    if (!household) {
      setError(clientProblem({ field: "household_id", problem: "required" }, t(problemKey("required"))));
      return;
    }
    const declared = incomesOf(incomes, programme.currency, language);
    if (!declared.ok) {
      setError(clientProblem(declared.problem, t(problemKey(declared.problem.problem))));
      return;
    }
    await attempt(async () => {
      const saved = await createApplication({
        programme_id: programme.id,
        household_id: household.id,
        applicant_id: applicant,
        period_from: from,
        period_to: oneOff ? from : to,
        resident_since: residentSince || null,
        incomes: declared.value,
        documents: programme.documents.map((name) => ({ name, provided: provided[name] ?? false })),
        note: note.trim() || null,
      });
      void navigate(`/benefits/applications/${encodeURIComponent(saved.id)}`, {
        state: {
          notice: saved.eligibility.eligible ? t("benefits.recordedEligible") : t("benefits.recordedNotEligible"),
        },
      });
    });
  }

  return (
    <section className="page" aria-labelledby="application-form-title">
      <p>
        <Link to="/benefits/applications">{t("benefits.backToApplications")}</Link>
      </p>
      <h1 id="application-form-title">{t("benefits.newApplication")}</h1>
      <ErrorAlert message={loadError ? errorMessage(loadError, t) : null} />
      <form ref={formRef} className="card" onSubmit={(e) => void save(e)} noValidate aria-label={t("benefits.newApplication")}>
        <RequiredNote />
        <SelectField label={t("benefits.field.programme")} required value={programmeId} onChange={(e) => setProgrammeId(e.target.value)} error={err("programme_id")}>
          <option value="">{t("benefits.choose")}</option>
          {programmes.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name} ({p.territory_name})
            </option>
          ))}
        </SelectField>
        {household ? (
          <p data-testid="application-household">
            {t("benefits.householdOf", { name: household.members.map(memberName).join(", ") })}{" "}
            <button type="button" className="button-secondary" onClick={() => { setHousehold(null); setHouseholdId(""); }}>
              {t("benefits.otherHousehold")}
            </button>
          </p>
        ) : (
          <>
            <HouseholdFinder onPick={(id) => setHouseholdId(id)} />
            {err("household_id") ? <p className="field-error">{err("household_id")}</p> : null}
          </>
        )}
        {household ? (
          <SelectField label={t("benefits.field.applicant")} required value={applicant} onChange={(e) => setApplicant(e.target.value)} error={err("applicant_id")}>
            {household.members.map((m) => (
              <option key={m.person_id} value={m.person_id}>
                {memberName(m)}
              </option>
            ))}
          </SelectField>
        ) : null}
        <div className="form-grid">
          <TextField label={oneOff ? t("benefits.field.month") : t("benefits.field.periodFrom")} type="month" required value={from} onChange={(e) => setFrom(e.target.value)} error={err("period_from")} />
          {oneOff ? null : (
            <TextField label={t("benefits.field.periodTo")} type="month" value={to} onChange={(e) => setTo(e.target.value)} error={err("period_to")} />
          )}
          <TextField label={t("benefits.field.residentSince")} type="date" value={residentSince} onChange={(e) => setResidentSince(e.target.value)} error={err("resident_since")} />
        </div>
        {!isMonth(from) ? <p className="field-hint">{t("benefits.monthHint")}</p> : null}
        <IncomeRowsEditor
          rows={incomes}
          onChange={setIncomes}
          members={household?.members ?? []}
          currency={programme?.currency ?? "MDL"}
          error={error}
        />
        {programme && programme.documents.length > 0 ? (
          <fieldset className="card">
            <legend>{t("benefits.documentsLegend")}</legend>
            {programme.documents.map((name) => (
              <CheckboxField key={name} label={name} checked={provided[name] ?? false} onChange={(on) => setProvided({ ...provided, [name]: on })} />
            ))}
            {err("documents") ? <p className="field-error">{err("documents")}</p> : null}
          </fieldset>
        ) : null}
        <TextAreaField label={t("benefits.field.note")} value={note} onChange={(e) => setNote(e.target.value)} error={err("note")} />
        <ErrorSummary error={error} form={formRef} summaryRef={summaryRef} />
        <div className="form-actions">
          <button type="submit" disabled={busy}>
            {t("benefits.recordApplication")}
          </button>
        </div>
      </form>
    </section>
  );
}
