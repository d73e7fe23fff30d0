// Starts an assessment about a person or a household: choose a form (those about that kind of
// subject, at their latest version), fill it, save it as a draft or finish it.
import { useEffect, useState } from "react";
import { Link, useNavigate, useSearchParams } from "react-router-dom";
import { createAssessment, getQuestionnaire, listQuestionnaires } from "../../api/assessments";
import type { Answers, Questionnaire } from "../../api/types";
import { ErrorAlert, SelectField, errorMessage } from "../../components/forms";
import { usePageTitle } from "../../components/usePageTitle";
import { useI18n } from "../../i18n/i18n";
import { AssessmentEditor } from "./AssessmentEditor";
import { newAssessmentPath, subjectPath } from "./paths";
import { formText } from "./questionnaire";

export function NewAssessmentPage() {
  const { t, language } = useI18n();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const person = params.get("person") ?? undefined;
  const household = params.get("household") ?? undefined;
  const caseId = params.get("case") ?? undefined;
  const code = params.get("form") ?? "";
  const subject = household ? "household" : "person";
  const [forms, setForms] = useState<Questionnaire[] | null>(null);
  const [form, setForm] = useState<Questionnaire | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  usePageTitle(form ? formText(form.title, language) : t("assessments.newTitle"));

  useEffect(() => {
    let current = true;
    listQuestionnaires().then(
      (all) => current && setForms(all.filter((f) => f.subject === subject)),
      (caught: unknown) => current && setLoadError(caught),
    );
    return () => {
      current = false;
    };
  }, [subject]);

  useEffect(() => {
    if (!code) return;
    let current = true;
    getQuestionnaire(code).then(
      (loaded) => current && setForm(loaded),
      (caught: unknown) => current && setLoadError(caught),
    );
    return () => {
      current = false;
    };
  }, [code]);

  const shownForm = code && form?.code === code ? form : null;

  async function save(answers: Answers, finish: boolean) {
    if (!shownForm) return;
    const created = await createAssessment({
      questionnaire_code: shownForm.code,
      questionnaire_version: shownForm.version,
      ...(household ? { household_id: household } : { person_id: person }),
      ...(caseId ? { case_id: caseId } : {}),
      answers,
      status: finish ? "final" : "draft",
    });
    void navigate(`/assessments/${encodeURIComponent(created.id)}`, {
      replace: true,
      state: { saved: finish ? "final" : "draft" },
    });
  }

  return (
    <section className="page" aria-labelledby="new-assessment-title">
      <p>
        {caseId ? (
          <Link to={`/cases/${encodeURIComponent(caseId)}`}>{t("assessments.backToCase")}</Link>
        ) : (
          <Link to={subjectPath({ person_id: person ?? null, household_id: household ?? null })}>
            {household ? t("assessments.backToHousehold") : t("assessments.backToPerson")}
          </Link>
        )}
      </p>
      <h1 id="new-assessment-title">{shownForm ? formText(shownForm.title, language) : t("assessments.newTitle")}</h1>
      <ErrorAlert message={loadError ? errorMessage(loadError, t) : null} />
      {forms ? (
        <div className="card">
          <SelectField
            label={t("assessments.chooseForm")}
            value={code}
            onChange={(e) =>
              void navigate(newAssessmentPath({ person, household, caseId }, e.target.value || undefined), { replace: true })
            }
          >
            <option value="">{t("assessments.chooseFormNone")}</option>
            {forms.map((f) => (
              <option key={f.code} value={f.code}>
                {formText(f.title, language)}
              </option>
            ))}
          </SelectField>
          {shownForm?.definition?.description ? (
            <p className="field-hint">{formText(shownForm.definition.description, language)}</p>
          ) : null}
        </div>
      ) : null}
      {shownForm?.definition ? (
        <AssessmentEditor key={shownForm.code} definition={shownForm.definition} initial={{}} onSave={save} />
      ) : null}
    </section>
  );
}
