// The user's-language names of the cases room's coded values: each value `v` of an enumeration
// has the message `cases.<list>.<v>` in every catalogue (labels.test.ts checks them all).
import { isMessageKey, type Translate } from "../../i18n/i18n";

export type CodedList =
  | "state"
  | "category"
  | "risk"
  | "contactKind"
  | "contactStatus"
  | "reason"
  | "outcome"
  | "agency"
  | "actionStatus"
  | "answer"
  | "timelineKind";

/** The label of `value` in `list`; an unknown value (a newer server) is shown as it came. */
export function codeLabel(list: CodedList, value: string | null | undefined, t: Translate): string {
  if (!value) return "";
  const key = `cases.${list}.${value}`;
  return isMessageKey(key) ? t(key) : value;
}

/** A case's subject by name; a household without a head yet is named as a household. */
export function subjectName(subject: { kind: string; name: string }, t: Translate): string {
  if (subject.name.trim()) return subject.name;
  return subject.kind === "household" ? t("cases.subject.household") : t("cases.subject.person");
}
