// The user's-language names of the services room's coded values: each value `v` of an
// enumeration has the message `services.<list>.<v>` in every catalogue (labels.test.ts checks
// them all).
import { isMessageKey, type MessageKey, type Translate } from "../../i18n/i18n";
import type { FormProblem, TransitionAction } from "./rules";

export type CodedList = "type" | "targetGroup" | "licence" | "state" | "priority" | "providerKind";

/** The label of `value` in `list`; an unknown value (a newer server) is shown as it came. */
export function serviceLabel(list: CodedList, value: string | null | undefined, t: Translate): string {
  if (!value) return "";
  const key = `services.${list}.${value}`;
  return isMessageKey(key) ? t(key) : value;
}

/** The button that moves an enrolment: "Accept the place", "Declined", "End", ... */
export function transitionKey(action: TransitionAction): MessageKey {
  return `services.move.${action}` as MessageKey;
}

/** The label of the reason a move asks for ("Why was the place declined?"). */
export function reasonKey(action: TransitionAction): MessageKey {
  return `services.reason.${action}` as MessageKey;
}

/** The sentence for a form's own finding. */
export function problemKey(problem: FormProblem["problem"]): MessageKey {
  return `services.problem.${problem}` as MessageKey;
}
