// One assessment: a draft goes on being filled (save draft / finish); a final one is read, with
// its score and flags. The answers are read against the form version it was started with.
import { useCallback, useEffect, useState } from "react";
import { Link, useLocation, useParams } from "react-router-dom";
import { getAssessment, getQuestionnaire, updateAssessment } from "../../api/assessments";
import type { Answers, Questionnaire } from "../../api/types";
import { ErrorAlert, Notice, errorMessage } from "../../components/forms";
import { usePageTitle } from "../../components/usePageTitle";
import { useRecord } from "../../components/useRecord";
import { useI18n } from "../../i18n/i18n";
import { useSession } from "../session/session";
import { AssessmentEditor } from "./AssessmentEditor";
import { AnswerList, AssessmentOutcome } from "./AssessmentView";
import { formText } from "./questionnaire";
import { openCaseFromAssessmentPath, subjectPath } from "./paths";

export function AssessmentPage() {
  const { t, language } = useI18n();
  const { id = "" } = useParams();
  const location = useLocation();
  const { permissions } = useSession();
  const { record: assessment, setRecord, loadError, reload } = useRecord(id, getAssessment, { resetOnChange: true });
  const [form, setForm] = useState<Questionnaire | null>(null);
  const [formError, setFormError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(
    (location.state as { saved?: string } | null)?.saved === "draft"
      ? t("assessments.draftSaved")
      : (location.state as { saved?: string } | null)?.saved === "final"
        ? t("assessments.finished")
        : null,
  );
  const code = assessment?.questionnaire_code;
  const version = assessment?.questionnaire_version;
  useEffect(() => {
    if (!code || !version) return;
    let current = true;
    getQuestionnaire(code, version).then(
      (loaded) => current && setForm(loaded),
      (caught: unknown) => current && setFormError(caught),
    );
    return () => {
      current = false;
    };
  }, [code, version]);
  const title = form ? formText(form.title, language) : t("assessments.title");
  usePageTitle(title);

  const save = useCallback(
    async (answers: Answers, finish: boolean) => {
      if (!assessment) return;
      const saved = await updateAssessment(assessment.id, assessment.version, {
        answers,
        status: finish ? "final" : "draft",
      });
      setRecord(saved);
      setNotice(finish ? t("assessments.finished") : t("assessments.draftSaved"));
    },
    [assessment, setRecord, t],
  );

  const error = loadError ?? formError;
  return (
    <section className="page" aria-labelledby="assessment-title">
      {assessment ? (
        <p>
          <Link to={subjectPath(assessment)}>
            {assessment.household_id ? t("assessments.backToHousehold") : t("assessments.backToPerson")}
          </Link>
          {assessment.case_id ? (
            <>
              {" · "}
              <Link to={`/cases/${encodeURIComponent(assessment.case_id)}`}>{t("assessments.toCase")}</Link>
            </>
          ) : null}
        </p>
      ) : null}
      <h1 id="assessment-title">{title}</h1>
      <ErrorAlert message={error ? errorMessage(error, t) : null} />
      <Notice message={notice} />
      {assessment && form?.definition ? (
        <>
          <p className="field-hint">
            {t("assessments.formVersion", { version: assessment.questionnaire_version })} ·{" "}
            {assessment.status === "final" ? t("assessments.status.final") : t("assessments.status.draft")} ·{" "}
            {assessment.community_name}
          </p>
          {assessment.status === "final" ? (
            <>
              <AssessmentOutcome assessment={assessment} definition={form.definition} />
              {!assessment.case_id && permissions.has("case.work") ? (
                <p className="form-actions">
                  <Link className="button" to={openCaseFromAssessmentPath(assessment)}>
                    {t("assessments.openCase")}
                  </Link>
                </p>
              ) : null}
              <AnswerList assessment={assessment} definition={form.definition} />
            </>
          ) : permissions.has("assessment.write") ? (
            <AssessmentEditor
              key={`${assessment.id}:${assessment.version}`}
              definition={form.definition}
              initial={(assessment.answers ?? {}) as Answers}
              onSave={save}
              onReload={() => {
                setNotice(null);
                void reload();
              }}
            />
          ) : (
            <AnswerList assessment={assessment} definition={form.definition} />
          )}
        </>
      ) : null}
    </section>
  );
}
