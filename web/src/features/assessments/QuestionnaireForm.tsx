// Renders a questionnaire from its definition: every question type, the questions whose
// conditions fail hidden as the worker answers, required marks, and each error of the API
// (field `answers.<question_id>`) next to its question.
import { useId } from "react";
import type { Answer, Answers, Question, QuestionnaireDefinition } from "../../api/types";
import { FieldLabel, fieldError } from "../../components/forms";
import { useI18n } from "../../i18n/i18n";
import { answerField, formText, visibility } from "./questionnaire";
import "./assessments.css";

export function QuestionnaireForm({
  definition,
  answers,
  onChange,
  error,
}: {
  definition: QuestionnaireDefinition;
  answers: Answers;
  onChange: (answers: Answers) => void;
  error: unknown;
}) {
  const { language } = useI18n();
  const shown = visibility(definition, answers);
  function set(id: string, value: Answer | undefined) {
    const next = { ...answers };
    if (value === undefined || value === "" || (Array.isArray(value) && value.length === 0)) delete next[id];
    else next[id] = value;
    onChange(next);
  }
  return (
    <>
      {definition.sections.map((section) => {
        const questions = section.questions.filter((q) => shown.get(q.id));
        if (questions.length === 0) return null;
        return (
          <section key={section.id} className="card questionnaire-section" aria-labelledby={`section-${section.id}`}>
            <h2 id={`section-${section.id}`}>{formText(section.title, language)}</h2>
            {questions.map((question) => (
              <QuestionField
                key={question.id}
                question={question}
                value={answers[question.id]}
                onChange={(value) => set(question.id, value)}
                error={error}
              />
            ))}
          </section>
        );
      })}
    </>
  );
}

function QuestionField({
  question,
  value,
  onChange,
  error,
}: {
  question: Question;
  value: Answer | undefined;
  onChange: (value: Answer | undefined) => void;
  error: unknown;
}) {
  const { t, language } = useI18n();
  const id = useId();
  const label = formText(question.label, language);
  const help = question.help ? formText(question.help, language) : null;
  const message = fieldError(error, answerField(question.id), t);
  const describedBy = [message ? `${id}-error` : null, help ? `${id}-help` : null].filter(Boolean).join(" ") || undefined;
  const required = question.required ?? false;
  const className = `field question${message ? " field-invalid" : ""}`;
  const hint = help ? (
    <p className="field-hint" id={`${id}-help`}>
      {help}
    </p>
  ) : null;
  const errorLine = message ? (
    <p className="field-error" id={`${id}-error`}>
      {message}
    </p>
  ) : null;

  if (question.type === "text" || question.type === "number" || question.type === "date") {
    const common = {
      id,
      name: question.id,
      required,
      "aria-invalid": message ? true : undefined,
      "aria-describedby": describedBy,
      "data-question": question.id,
    };
    return (
      <div className={className}>
        <FieldLabel htmlFor={id} label={label} required={required} />
        {question.type === "text" ? (
          <textarea
            {...common}
            maxLength={question.max_length ?? 2000}
            rows={(question.max_length ?? 2000) > 300 ? 4 : 2}
            value={typeof value === "string" ? value : ""}
            onChange={(e) => onChange(e.target.value)}
          />
        ) : question.type === "number" ? (
          <input
            {...common}
            type="number"
            inputMode={question.integer ? "numeric" : "decimal"}
            min={question.min}
            max={question.max}
            step={question.integer ? 1 : "any"}
            value={typeof value === "number" ? String(value) : ""}
            onChange={(e) => onChange(e.target.value === "" || Number.isNaN(e.target.valueAsNumber) ? undefined : e.target.valueAsNumber)}
          />
        ) : (
          <input
            {...common}
            type="date"
            value={typeof value === "string" ? value : ""}
            onChange={(e) => onChange(e.target.value || undefined)}
          />
        )}
        {hint}
        {errorLine}
      </div>
    );
  }

  // Choices, yes/no and scales: a group of radio buttons or checkboxes under a legend.
  const multiple = question.type === "multiple_choice";
  let choices: { key: string; label: string; value: Answer }[];
  if (question.type === "yes_no") {
    choices = [
      { key: "yes", label: t("assessments.yes"), value: true },
      { key: "no", label: t("assessments.no"), value: false },
    ];
  } else if (question.type === "scale") {
    choices = [];
    for (let n = question.min ?? 1; n <= (question.max ?? 5); n++) choices.push({ key: String(n), label: String(n), value: n });
  } else {
    choices = (question.options ?? []).map((o) => ({ key: o.code, label: formText(o.label, language), value: o.code }));
  }
  const chosen = (choice: Answer) =>
    multiple ? Array.isArray(value) && value.includes(choice as string) : value === choice;
  return (
    <div className={className}>
      <fieldset
        aria-invalid={message && !multiple ? true : undefined}
        aria-describedby={describedBy}
        aria-required={(required && !multiple) || undefined}
        aria-labelledby={`${id}-legend`}
        data-question={question.id}
        role={multiple ? undefined : "radiogroup"}
        tabIndex={message && !multiple ? -1 : undefined}
      >
        <legend id={`${id}-legend`}>
          {label}
          {required ? (
            <span className="required-mark" aria-hidden="true">
              *
            </span>
          ) : null}
        </legend>
        <ul className="choice-list">
          {choices.map((choice) => {
            const choiceId = `${id}-${choice.key}`;
            return (
              <li key={choice.key}>
                <input
                  id={choiceId}
                  type={multiple ? "checkbox" : "radio"}
                  name={question.id}
                  aria-invalid={message && multiple ? true : undefined}
                  checked={chosen(choice.value)}
                  onChange={(e) => {
                    if (!multiple) {
                      onChange(choice.value);
                      return;
                    }
                    const current = Array.isArray(value) ? value : [];
                    const code = choice.value as string;
                    onChange(e.target.checked ? [...current, code] : current.filter((c) => c !== code));
                  }}
                />
                <label htmlFor={choiceId}>{choice.label}</label>
              </li>
            );
          })}
        </ul>
        {!multiple && value !== undefined && !required ? (
          <button type="button" className="button-link" onClick={() => onChange(undefined)}>
            {t("assessments.clearAnswer")}
          </button>
        ) : null}
      </fieldset>
      {hint}
      {errorLine}
    </div>
  );
}
