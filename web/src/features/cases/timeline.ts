// What one timeline event says, in the user's language. The detail of each kind is the server's
// (docs/openapi.yaml, TimelineItem); fields it may lack are left out rather than guessed.
import type { TimelineItem } from "../../api/types";
import type { Language } from "../../api/types";
import { formatCalendarDate } from "../../i18n/format";
import type { Translate } from "../../i18n/i18n";
import { benefitLabel } from "../benefits/labels";
import { formatMoney } from "../benefits/money";
import type { Currency } from "../../api/types";
import { codeLabel } from "./labels";

export interface TimelineView {
  title: string;
  lines: string[];
  confidential: boolean;
  /** Where the event's own record is (an assessment filed on the case). */
  link?: { to: string; label: string };
}

/** The questionnaires' titles and flag labels, by code, in the user's language (when loaded). */
export interface FormNames {
  title(code: string): string;
  flag(code: string, flag: string): string;
}

const codesOnly: FormNames = { title: (code) => code, flag: (_code, flag) => flag };

type Detail = Record<string, unknown>;

function str(detail: Detail, ...keys: string[]): string | null {
  for (const key of keys) {
    const value = detail[key];
    if (typeof value === "string" && value.trim()) return value;
  }
  return null;
}

function nested(detail: Detail, key: string): Detail {
  const value = detail[key];
  return value && typeof value === "object" && !Array.isArray(value) ? (value as Detail) : {};
}

function flagLine(detail: Detail, t: Translate, language: Language, forms: FormNames): string | null {
  const code = str(detail, "questionnaire_code") ?? "";
  const flags = Array.isArray(detail.flags) ? detail.flags.filter((f): f is string => typeof f === "string") : [];
  if (!flags.length) return null;
  const list = new Intl.ListFormat(language, { style: "long", type: "conjunction" });
  return t("cases.assessmentFlags", { flags: list.format(flags.map((flag) => forms.flag(code, flag))) });
}

/** The questionnaires an event names (an assessment filed on the case, or a case's origin). */
export function formsNamed(items: readonly TimelineItem[]): string[] {
  const codes: string[] = [];
  for (const item of items) {
    const detail = (item.detail ?? {}) as Detail;
    const code = str(detail, "questionnaire_code") ?? str(nested(detail, "origin"), "questionnaire_code");
    if (code) codes.push(code);
  }
  return codes;
}

function scoreLine(detail: Detail, t: Translate): string | null {
  return typeof detail.score === "number" ? t("cases.assessmentScore", { score: detail.score }) : null;
}

export function timelineView(item: TimelineItem, t: Translate, language: Language, forms: FormNames = codesOnly): TimelineView {
  const detail = (item.detail ?? {}) as Detail;
  const lines: string[] = [];
  const push = (value: string | null | undefined) => {
    if (value) lines.push(value);
  };
  switch (item.kind) {
    case "state": {
      const from = str(detail, "from");
      const to = str(detail, "to");
      let title = from && to ? `${codeLabel("state", from, t)} → ${codeLabel("state", to, t)}` : t("cases.timelineKind.state");
      if (detail.opened === true) title = t("cases.timelineKind.opened");
      if (detail.closure_requested === true || str(detail, "event") === "closure_requested") {
        title = `${codeLabel("state", "closed", t)}: ${t("cases.closureWaiting")}`;
      }
      const approved = typeof detail.approved === "boolean" ? detail.approved : detail.approve;
      if (typeof approved === "boolean") title = approved ? t("cases.approved") : t("cases.declined");
      push(str(detail, "reason") ? t("cases.closureReason", { reason: str(detail, "reason") ?? "" }) : null);
      push(str(detail, "comment"));
      const origin = nested(detail, "origin");
      const originId = str(origin, "assessment_id");
      if (originId) {
        const code = str(origin, "questionnaire_code") ?? "";
        push(t("cases.openedFromAssessment", { form: forms.title(code) }));
        push(scoreLine(origin, t));
        push(flagLine(origin, t, language, forms));
        return { title, lines, confidential: false, link: { to: `/assessments/${encodeURIComponent(originId)}`, label: t("cases.openAssessment") } };
      }
      return { title, lines, confidential: false };
    }
    case "note": {
      push(str(detail, "text"));
      const confidential = item.confidential || detail.confidential === true;
      return { title: confidential ? t("cases.noteConfidential") : t("cases.noteText"), lines, confidential };
    }
    case "contact": {
      const contact = Object.keys(nested(detail, "contact")).length ? nested(detail, "contact") : detail;
      const kind = str(contact, "kind");
      const status = str(contact, "status");
      const date = str(contact, "date");
      push([date ? formatCalendarDate(date, language) : null, status && status !== "done" ? codeLabel("contactStatus", status, t) : null]
        .filter(Boolean)
        .join(" · "));
      push(str(contact, "reason") ? codeLabel("reason", str(contact, "reason"), t) : null);
      push(str(contact, "action_taken"));
      push(str(contact, "observations"));
      return { title: kind ? codeLabel("contactKind", kind, t) : t("cases.timelineKind.contact"), lines, confidential: false };
    }
    case "plan": {
      const action = nested(detail, "action");
      const goal = nested(detail, "goal");
      push(str(detail, "text") ?? str(action, "text") ?? str(goal, "text") ?? str(detail, "goal", "action"));
      const status = str(detail, "status") ?? str(action, "status");
      const deadline = str(detail, "deadline") ?? str(action, "deadline");
      push(
        [status ? codeLabel("actionStatus", status, t) : null, deadline ? t("today.deadline", { date: formatCalendarDate(deadline, language) }) : null]
          .filter(Boolean)
          .join(" · "),
      );
      return { title: t("cases.timelineKind.plan"), lines, confidential: false };
    }
    case "referral": {
      const referral = Object.keys(nested(detail, "referral")).length ? nested(detail, "referral") : detail;
      push([str(referral, "provider"), str(referral, "service")].filter(Boolean).join(" — "));
      const answer = str(referral, "answer");
      push(answer ? codeLabel("answer", answer, t) : null);
      push(str(referral, "answer_reason"));
      return { title: t("cases.timelineKind.referral"), lines, confidential: false };
    }
    case "assignment": {
      const to = nested(detail, "to");
      push(str(to, "display_name") ?? str(detail, "to_name", "worker_name"));
      return { title: t("cases.timelineKind.assignment"), lines, confidential: false };
    }
    case "assessment": {
      const code = str(detail, "questionnaire_code") ?? "";
      push(forms.title(code));
      push(scoreLine(detail, t));
      push(flagLine(detail, t, language, forms));
      const id = str(detail, "assessment_id");
      const event = str(detail, "event");
      return {
        title:
          event === "finished"
            ? t("cases.assessmentFinished")
            : event === "unfiled"
              ? t("cases.assessmentUnfiled")
              : t("cases.assessmentFiled"),
        lines,
        confidential: false,
        ...(id ? { link: { to: `/assessments/${encodeURIComponent(id)}`, label: t("cases.openAssessment") } } : {}),
      };
    }
    case "benefit": {
      // An application or decision of the household: what was asked or decided, and where it is.
      const event = str(detail, "event");
      push(str(detail, "programme_name"));
      const currency = str(detail, "currency") as Currency | null;
      if (event !== "applied" && currency && typeof detail.amount_minor === "number" && str(detail, "outcome") === "approved") {
        push(t("cases.benefitAmount", { amount: formatMoney(detail.amount_minor, currency, language) }));
      }
      const from = str(detail, "period_from");
      const to = str(detail, "period_to");
      if (from && to) push(t("benefits.periodText", { from, to }));
      push(str(detail, "reason"));
      const decision = str(detail, "decision_id");
      const application = str(detail, "application_id");
      const title =
        event === "applied"
          ? t("cases.benefitApplied")
          : event === "decided"
            ? str(detail, "outcome") === "approved"
              ? t("cases.benefitApproved")
              : t("cases.benefitRejected")
            : t("cases.benefitMoved", { state: benefitLabel("decisionState", str(detail, "state"), t) });
      const link = decision
        ? { to: `/benefits/decisions/${encodeURIComponent(decision)}`, label: t("cases.openDecision") }
        : application
          ? { to: `/benefits/applications/${encodeURIComponent(application)}`, label: t("cases.openApplication") }
          : undefined;
      return { title, lines, confidential: item.confidential, ...(link ? { link } : {}) };
    }
    case "opened": {
      const category = str(detail, "category");
      push(category ? codeLabel("category", category, t) : null);
      push(str(detail, "opening_reason"));
      return { title: t("cases.timelineKind.opened"), lines, confidential: false };
    }
    default:
      return { title: codeLabel("timelineKind", item.kind, t), lines, confidential: false };
  }
}
