import type { Answer, Assessment, QuestionnaireDefinition } from "../../api/types";
import { formatCalendarDate, formatDateTime, formatNumber } from "../../i18n/format";
import { useI18n } from "../../i18n/i18n";
import { formText, questionsOf, visibility } from "./questionnaire";

/** Score, its band and the flags of a finished assessment. */
export function AssessmentOutcome({
  assessment,
  definition,
}: {
  assessment: Assessment;
  definition: QuestionnaireDefinition;
}) {
  const { t, language } = useI18n();
  const band = definition.score_bands?.find((b) => b.code === assessment.score_band);
  const flagLabel = (code: string) => {
    const flag = definition.flags?.find((f) => f.code === code);
    return flag ? formText(flag.label, language) : code;
  };
  return (
    <section className="card outcome" aria-labelledby="outcome-title">
      <h2 id="outcome-title">{t("assessments.outcome")}</h2>
      <dl>
        <dt>{t("assessments.score")}</dt>
        <dd data-testid="assessment-score">
          {assessment.score === null ? t("assessments.noScore") : formatNumber(assessment.score, language)}
          {band ? ` — ${formText(band.label, language)}` : ""}
        </dd>
        <dt>{t("assessments.flags")}</dt>
        <dd>
          {assessment.flags.length === 0 ? (
            t("assessments.noFlags")
          ) : (
            <ul className="flag-list" aria-label={t("assessments.flags")}>
              {assessment.flags.map((code) => (
                <li key={code} className="flag">
                  {flagLabel(code)}
                </li>
              ))}
            </ul>
          )}
        </dd>
        <dt>{t("assessments.finishedAt")}</dt>
        <dd>{formatDateTime(assessment.finished_at, language)}</dd>
      </dl>
    </section>
  );
}

/** The answers given, question by question, for reading. */
export function AnswerList({ assessment, definition }: { assessment: Assessment; definition: QuestionnaireDefinition }) {
  const { t, language } = useI18n();
  const answers = (assessment.answers ?? {}) as Record<string, Answer>;
  const shown = visibility(definition, answers);
  function show(questionId: string, value: Answer): string {
    const question = questionsOf(definition).find((q) => q.id === questionId);
    if (!question) return String(value);
    const option = (code: string) => {
      const found = question.options?.find((o) => o.code === code);
      return found ? formText(found.label, language) : code;
    };
    switch (question.type) {
      case "yes_no":
        return value ? t("assessments.yes") : t("assessments.no");
      case "single_choice":
        return option(String(value));
      case "multiple_choice":
        return (value as string[]).map(option).join(", ");
      case "date":
        return formatCalendarDate(String(value), language);
      case "number":
      case "scale":
        return formatNumber(value as number, language);
      default:
        return String(value);
    }
  }
  return (
    <>
      {definition.sections.map((section) => {
        const answered = section.questions.filter((q) => shown.get(q.id) && answers[q.id] !== undefined);
        if (answered.length === 0) return null;
        return (
          <section key={section.id} className="card" aria-labelledby={`answers-${section.id}`}>
            <h2 id={`answers-${section.id}`}>{formText(section.title, language)}</h2>
            <dl className="answer-list">
              {answered.map((q) => (
                <div key={q.id} style={{ display: "contents" }}>
                  <dt>{formText(q.label, language)}</dt>
                  <dd>{show(q.id, answers[q.id])}</dd>
                </div>
              ))}
            </dl>
          </section>
        );
      })}
    </>
  );
}
