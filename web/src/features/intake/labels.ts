// The user's-language names of the intake's coded values: each value `v` of a list has the
// message `intake.<list>.<v>` in every catalogue (labels.test.ts checks them all).
import { isMessageKey, type MessageKey, type Translate } from "../../i18n/i18n";
import type { AnswerProblem } from "./rules";

export type CodedList = "state" | "filter" | "answer";

/** The label of `value` in `list`; an unknown value (a newer server) is shown as it came. */
export function intakeLabel(list: CodedList, value: string | null | undefined, t: Translate): string {
  if (!value) return "";
  const key = `intake.${list}.${value}`;
  return isMessageKey(key) ? t(key) : value;
}

/** The sentence for a form's own finding. */
export function problemKey(problem: AnswerProblem): MessageKey {
  return `intake.problem.${problem}` as MessageKey;
}
