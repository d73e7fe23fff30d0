// The questionnaire engine's visibility rules, as the server applies them
// (src/assessments/questionnaire.cc): a question is shown when it has no condition or its
// condition holds on the answers of the questions shown before it. The renderer uses them to
// show and hide questions as the worker answers, and to send no answer for a hidden question
// (which the server refuses).
import type { Answer, Answers, Condition, FormText, Language, Question, QuestionnaireDefinition } from "../../api/types";

/** The text in `language`, else English, else any. */
export function formText(text: FormText | Record<string, string> | undefined | null, language: Language): string {
  if (!text) return "";
  const texts = text as Record<string, string>;
  return texts[language] ?? texts.en ?? Object.values(texts)[0] ?? "";
}

function answered(value: Answer | undefined | null): boolean {
  if (value === undefined || value === null) return false;
  if (Array.isArray(value)) return value.length > 0;
  return value !== "";
}

function equal(value: Answer, wanted: unknown): boolean {
  if (Array.isArray(value)) return value.includes(wanted as string);
  return value === wanted;
}

/** Whether `condition` holds on `answers` (unanswered questions fail all but `answered: false`). */
export function holds(condition: Condition, answers: Answers): boolean {
  if (condition.all) return condition.all.every((part) => holds(part, answers));
  if (condition.any) return condition.any.some((part) => holds(part, answers));
  if (condition.not) return !holds(condition.not, answers);
  const value = condition.question === undefined ? undefined : answers[condition.question];
  if (condition.answered !== undefined) return answered(value) === condition.answered;
  if (!answered(value) || value === undefined) return false;
  if ("equals" in condition) return equal(value, condition.equals);
  if (condition.in) return condition.in.some((wanted) => equal(value, wanted));
  if (typeof value !== "number") return false;
  if (condition.gt !== undefined) return value > condition.gt;
  if (condition.gte !== undefined) return value >= condition.gte;
  if (condition.lt !== undefined) return value < condition.lt;
  if (condition.lte !== undefined) return value <= condition.lte;
  return false;
}

export function questionsOf(definition: QuestionnaireDefinition): Question[] {
  return definition.sections.flatMap((section) => section.questions);
}

/** Question id → shown, in form order; answers of hidden questions count as unanswered. */
export function visibility(definition: QuestionnaireDefinition, answers: Answers): Map<string, boolean> {
  const shown = new Map<string, boolean>();
  const seen: Answers = {};
  for (const question of questionsOf(definition)) {
    const visible = !question.visible_if || holds(question.visible_if, seen);
    shown.set(question.id, visible);
    const value = answers[question.id];
    if (visible && answered(value)) seen[question.id] = value;
  }
  return shown;
}

/** The answers to send: those of shown questions that have a value. */
export function answersToSend(definition: QuestionnaireDefinition, answers: Answers): Answers {
  const shown = visibility(definition, answers);
  const out: Answers = {};
  for (const question of questionsOf(definition)) {
    const value = answers[question.id];
    if (shown.get(question.id) && answered(value)) out[question.id] = value;
  }
  return out;
}

/** The field name the API gives an answer's error (`answers.<question_id>`). */
export function answerField(questionId: string): string {
  return `answers.${questionId}`;
}
