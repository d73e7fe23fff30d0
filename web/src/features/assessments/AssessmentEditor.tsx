import { useRef, useState } from "react";
import type { Answers, QuestionnaireDefinition } from "../../api/types";
import { ErrorSummary, RequiredNote, StaleVersionAlert, isStaleVersion, useFocusFirstError } from "../../components/forms";
import { useI18n } from "../../i18n/i18n";
import { QuestionnaireForm } from "./QuestionnaireForm";
import { answersToSend } from "./questionnaire";

/**
 * The form being filled, with "Save draft" and "Finish". Only the answers of shown questions
 * are sent. A failed save keeps the answers and shows the error next to its question and in
 * the summary beside the buttons.
 */
export function AssessmentEditor({
  definition,
  initial,
  onSave,
  onReload,
}: {
  definition: QuestionnaireDefinition;
  initial: Answers;
  onSave: (answers: Answers, finish: boolean) => Promise<void>;
  onReload?: () => void;
}) {
  const { t } = useI18n();
  const [answers, setAnswers] = useState<Answers>(initial);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const form = useRef<HTMLFormElement>(null);
  const summary = useRef<HTMLDivElement>(null);
  useFocusFirstError(error, form, summary);

  async function save(finish: boolean) {
    setBusy(true);
    setError(null);
    try {
      await onSave(answersToSend(definition, answers), finish);
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form
      ref={form}
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void save(true);
      }}
    >
      <RequiredNote />
      <QuestionnaireForm definition={definition} answers={answers} onChange={setAnswers} error={error} />
      {isStaleVersion(error) && onReload ? (
        <StaleVersionAlert message={t("assessments.stale")} onReload={onReload} />
      ) : (
        <ErrorSummary error={error} form={form} summaryRef={summary} />
      )}
      <div className="form-actions">
        <button type="button" className="button-secondary" disabled={busy} onClick={() => void save(false)}>
          {t("assessments.saveDraft")}
        </button>
        <button type="submit" disabled={busy}>
          {t("assessments.finish")}
        </button>
      </div>
      <p className="field-hint">{t("assessments.finishHint")}</p>
    </form>
  );
}
