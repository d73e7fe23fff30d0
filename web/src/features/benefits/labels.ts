// The user's-language names of the benefits room's coded values: each value `v` of a list has
// the message `benefits.<list>.<v>` in every catalogue (labels.test.ts checks them all).
import { isMessageKey, type MessageKey, type Translate } from "../../i18n/i18n";
import type { FormProblem } from "./rules";

export type CodedList =
  | "kind"
  | "status"
  | "amountRule"
  | "budgetPeriod"
  | "rule"
  | "income"
  | "applicationState"
  | "decisionState"
  | "outcome";

/** The label of `value` in `list`; an unknown value (a newer server) is shown as it came. */
export function benefitLabel(list: CodedList, value: string | null | undefined, t: Translate): string {
  if (!value) return "";
  const key = `benefits.${list}.${value}`;
  return isMessageKey(key) ? t(key) : value;
}

/** The sentence for a form's own finding. */
export function problemKey(problem: FormProblem["problem"]): MessageKey {
  return `benefits.problem.${problem}` as MessageKey;
}
