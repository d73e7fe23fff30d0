// The assessments of one person or household, newest first, with the way to start one.
import { useEffect, useState } from "react";
import { Link } from "react-router-dom";
import { listAssessments, listQuestionnaires } from "../../api/assessments";
import type { Assessment, Questionnaire } from "../../api/types";
import { ErrorAlert, errorMessage } from "../../components/forms";
import { formatDateTime, formatNumber } from "../../i18n/format";
import { useI18n } from "../../i18n/i18n";
import { useSession } from "../session/session";
import { newAssessmentPath } from "./paths";
import { formText } from "./questionnaire";

const SCREENING = "household_screening";

export function SubjectAssessments({ person, household }: { person?: string; household?: string }) {
  const { t, language } = useI18n();
  const { permissions } = useSession();
  const [items, setItems] = useState<Assessment[] | null>(null);
  const [forms, setForms] = useState<Questionnaire[]>([]);
  const [error, setError] = useState<unknown>(null);

  const canRead = permissions.has("assessment.read");
  useEffect(() => {
    if (!canRead) return;
    let current = true;
    Promise.all([
      listAssessments(household ? { household_id: household, limit: 100 } : { person_id: person, limit: 100 }),
      listQuestionnaires(),
    ]).then(
      ([page, all]) => {
        if (!current) return;
        setItems(page.items);
        setForms(all);
      },
      (caught: unknown) => current && setError(caught),
    );
    return () => {
      current = false;
    };
  }, [person, household, canRead]);

  if (!canRead) return null;
  const title = (code: string) => {
    const form = forms.find((f) => f.code === code);
    return form ? formText(form.title, language) : code;
  };
  const canWrite = permissions.has("assessment.write");
  return (
    <section className="card" aria-labelledby="assessments-title">
      <div className="page-header">
        <h2 id="assessments-title">{t("assessments.listTitle")}</h2>
        {canWrite ? (
          <div className="form-actions">
            {household ? (
              <Link className="button" to={newAssessmentPath({ household }, SCREENING)}>
                {t("assessments.screenHousehold")}
              </Link>
            ) : null}
            <Link className={household ? "button button-secondary" : "button"} to={newAssessmentPath({ person, household })}>
              {t("assessments.new")}
            </Link>
          </div>
        ) : null}
      </div>
      <ErrorAlert message={error ? errorMessage(error, t) : null} />
      {items && items.length === 0 ? <p>{t("assessments.none")}</p> : null}
      {items && items.length > 0 ? (
        <div className="table-scroll">
          <table className="data-table stack-on-phone">
            <caption className="visually-hidden">{t("assessments.listTitle")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("assessments.form")}</th>
                <th scope="col">{t("assessments.statusColumn")}</th>
                <th scope="col">{t("assessments.score")}</th>
                <th scope="col">{t("assessments.flags")}</th>
                <th scope="col">{t("assessments.updatedAt")}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((a) => (
                <tr key={a.id}>
                  <td>
                    <Link to={`/assessments/${encodeURIComponent(a.id)}`}>{title(a.questionnaire_code)}</Link>{" "}
                    <span className="field-hint">v{a.questionnaire_version}</span>
                  </td>
                  <td>{a.status === "final" ? t("assessments.status.final") : t("assessments.status.draft")}</td>
                  <td>{a.score === null ? "—" : formatNumber(a.score, language)}</td>
                  <td>{a.status === "final" ? t("assessments.flagCount", { count: a.flags.length }) : "—"}</td>
                  <td>{formatDateTime(a.updated_at, language)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
