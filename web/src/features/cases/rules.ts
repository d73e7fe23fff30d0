// The pure decisions of the case screens: what is overdue, which state buttons a case shows,
// how lists are ordered, and what a form must hold before it is sent. The server decides again
// (docs/cases-api.md); these only spare the user a round trip and say why in their language.
import type {
  ActionStatus,
  Agency,
  Case,
  CaseCategory,
  CaseState,
  ContactKind,
  ContactOutcome,
  ContactReason,
  ContactStatus,
  Contact,
  ContactChanges,
  NewContact,
  ReferralAnswerValue,
  RiskLevel,
  TimelineKind,
} from "../../api/types";

export const CASE_STATES: readonly CaseState[] = ["intake", "assessment", "planning", "in_service", "monitoring", "closed"];
export const CATEGORIES: readonly CaseCategory[] = [
  "child_at_risk",
  "family_in_crisis",
  "elderly_alone",
  "disability",
  "poverty",
  "domestic_violence",
  "large_family",
  "other",
];
export const RISK_LEVELS: readonly RiskLevel[] = ["low", "medium", "high", "critical"];
export const CONTACT_KINDS: readonly ContactKind[] = [
  "audience",
  "phone_call",
  "home_visit",
  "school_meeting",
  "clinic_meeting",
  "group_session",
];
export const CONTACT_STATUSES: readonly ContactStatus[] = ["done", "planned", "missed"];
export const CONTACT_REASONS: readonly ContactReason[] = [
  "social_aid",
  "documents",
  "child_welfare",
  "elderly_care",
  "disability",
  "violence",
  "housing",
  "employment",
  "health",
  "other",
];
export const CONTACT_OUTCOMES: readonly ContactOutcome[] = [
  "advice_given",
  "application_taken",
  "referred",
  "case_opened",
  "nothing_needed",
];
export const AGENCIES: readonly Agency[] = ["social_protection", "education", "health", "police", "employment", "ngo", "other"];
export const ACTION_STATUSES: readonly ActionStatus[] = ["planned", "in_progress", "done", "cancelled"];
export const REFERRAL_ANSWERS: readonly Exclude<ReferralAnswerValue, "pending">[] = ["accepted", "refused", "waiting_list"];
export const TIMELINE_KINDS: readonly TimelineKind[] = ["contact", "state", "assessment", "plan", "referral", "note", "benefit"];

const pad = (n: number) => String(n).padStart(2, "0");

/** The local calendar date `YYYY-MM-DD` of `now` (the day the user lives in). */
export function localIsoDate(now: Date = new Date()): string {
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** `YYYY-MM-DD` plus `days` calendar days. */
export function addDays(isoDate: string, days: number): string {
  const [y, m, d] = isoDate.split("-").map(Number);
  return localIsoDate(new Date(y, m - 1, d + days));
}

export function isRealDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(y, m - 1, d);
  return date.getFullYear() === y && date.getMonth() === m - 1 && date.getDate() === d;
}

/** Planned or in progress: the action still has to be done. */
export function isOpenAction(action: { status: ActionStatus }): boolean {
  return action.status === "planned" || action.status === "in_progress";
}

export type Urgency = "overdue" | "due_soon" | "later" | "finished";

/**
 * How pressing a plan action is on `today`: overdue (deadline before today, still open; the
 * server's `overdue` flag counts too), due within 7 days, later, or finished (done, cancelled).
 */
export function actionUrgency(
  action: { status: ActionStatus; deadline: string; overdue?: boolean },
  today: string,
): Urgency {
  if (!isOpenAction(action)) return "finished";
  if (action.overdue || action.deadline < today) return "overdue";
  if (action.deadline <= addDays(today, 7)) return "due_soon";
  return "later";
}

const RISK_RANK: Record<RiskLevel, number> = { critical: 0, high: 1, medium: 2, low: 3 };

/** Caseload order: risk first (critical first; unknown risk last), then the oldest opened. */
export function byRiskThenAge<T extends { risk_level?: RiskLevel; opened_at: string }>(cases: readonly T[]): T[] {
  const rank = (c: T) => (c.risk_level ? RISK_RANK[c.risk_level] : 4);
  return [...cases].sort((a, b) => rank(a) - rank(b) || a.opened_at.localeCompare(b.opened_at));
}

export type TransitionRole = "forward" | "back" | "close" | "reopen";

export interface TransitionChoice {
  to: CaseState;
  role: TransitionRole;
}

const ORDER: Record<CaseState, number> = {
  intake: 0,
  assessment: 1,
  planning: 2,
  in_service: 3,
  monitoring: 4,
  closed: 5,
};

/**
 * The state buttons of a case, in the order shown: moving on first, then going back, closing
 * last; a closed case offers reopening. None while a closure request waits.
 */
export function transitionChoices(record: Pick<Case, "state" | "allowed_transitions" | "closure_request">): TransitionChoice[] {
  if (record.closure_request) return [];
  const from = record.state;
  const choices = (record.allowed_transitions ?? []).map((to): TransitionChoice => {
    if (from === "closed") return { to, role: "reopen" };
    if (to === "closed") return { to, role: "close" };
    // monitoring → in_service is going back to services; any lower state is going back.
    return { to, role: ORDER[to] > ORDER[from] ? "forward" : "back" };
  });
  const rank: Record<TransitionRole, number> = { forward: 0, reopen: 0, back: 1, close: 2 };
  return choices.sort((a, b) => rank[a.role] - rank[b.role] || ORDER[a.to] - ORDER[b.to]);
}

/** Closing this case needs a reason: plan actions are still planned or in progress. */
export function closingNeedsReason(record: Pick<Case, "open_actions">): boolean {
  return (record.open_actions ?? 0) > 0;
}

/** Closing this case by the caller only asks for it: a child's case needs a head's approval. */
export function closingWaitsForApproval(record: Pick<Case, "child_case">, canSupervise: boolean): boolean {
  return !!record.child_case && !canSupervise;
}

/** A field the form must fix, with the message key that says why. */
export interface FormProblem<K extends string = string> {
  field: string;
  problem: K;
}

export interface ContactFormState {
  kind: ContactKind | "";
  status: ContactStatus;
  date: string;
  time: string;
  reason: ContactReason | "";
  action_taken: string;
  outcome: ContactOutcome | "";
  present: string;
  observations: string;
  next_steps: string;
}

export function emptyContactForm(today: string, kind: ContactKind | "" = ""): ContactFormState {
  return {
    kind,
    status: "done",
    date: today,
    time: "",
    reason: "",
    action_taken: "",
    outcome: "",
    present: "",
    observations: "",
    next_steps: "",
  };
}

export type ContactProblem =
  | "kind_required"
  | "date_required"
  | "date_invalid"
  | "future_done"
  | "contact_reason_required"
  | "time_invalid";

/** Only a home visit is planned or missed; the others are recorded once they happened. */
export function statusesFor(kind: ContactKind | ""): readonly ContactStatus[] {
  return kind === "home_visit" ? CONTACT_STATUSES : ["done"];
}

/** The first problem of a contact form, in the order of its fields; null when it may be sent. */
export function contactProblem(form: ContactFormState, today: string): FormProblem<ContactProblem> | null {
  if (!form.kind) return { field: "kind", problem: "kind_required" };
  if (!form.date) return { field: "date", problem: "date_required" };
  if (!isRealDate(form.date)) return { field: "date", problem: "date_invalid" };
  const status = form.kind === "home_visit" ? form.status : "done";
  if (form.date > today && status !== "planned") return { field: "date", problem: "future_done" };
  if (form.time && !/^([01]\d|2[0-3]):[0-5]\d$/.test(form.time)) return { field: "time", problem: "time_invalid" };
  if ((form.kind === "audience" || form.kind === "phone_call") && !form.reason) {
    return { field: "reason", problem: "contact_reason_required" };
  }
  return null;
}

const text = (value: string) => (value.trim() ? value.trim() : undefined);

/** The body of POST /contacts: empty fields left out, the home-visit fields only for a visit. */
export function contactBody(
  form: ContactFormState,
  subject: { person_id?: string; household_id?: string; case_id?: string },
): NewContact {
  const visit = form.kind === "home_visit";
  const body: NewContact = {
    kind: form.kind,
    date: form.date,
    status: visit ? form.status : "done",
    ...subject,
  };
  if (form.time) body.time = form.time;
  if (form.reason) body.reason = form.reason;
  if (text(form.action_taken)) body.action_taken = text(form.action_taken);
  if (form.outcome && !(visit && form.status !== "done")) body.outcome = form.outcome;
  if (visit) {
    if (text(form.present)) body.present = text(form.present);
    if (text(form.observations)) body.observations = text(form.observations);
    if (text(form.next_steps)) body.next_steps = text(form.next_steps);
  }
  return body;
}

/**
 * The form of a recorded contact, to change it. `status` replaces the stored one: a planned
 * visit is opened as "done" to record how it went.
 */
export function contactFormOf(contact: Contact, status: ContactStatus = contact.status): ContactFormState {
  return {
    kind: contact.kind,
    status,
    date: contact.date,
    time: contact.time ?? "",
    reason: contact.reason ?? "",
    action_taken: contact.action_taken ?? "",
    outcome: contact.outcome ?? "",
    present: contact.present ?? "",
    observations: contact.observations ?? "",
    next_steps: contact.next_steps ?? "",
  };
}

/**
 * The body of PATCH /contacts/{id}: only what differs from `contact`, an emptied field as null;
 * the fields the form hides for the new kind or status are cleared as contactBody leaves them out.
 */
export function contactChanges(form: ContactFormState, contact: Contact): ContactChanges {
  const wanted = contactBody(form, {});
  const changes: ContactChanges = {};
  if (wanted.kind !== contact.kind) changes.kind = wanted.kind;
  if (wanted.status !== contact.status) changes.status = wanted.status;
  if (wanted.date !== contact.date) changes.date = wanted.date;
  const optional = ["time", "reason", "action_taken", "outcome", "present", "observations", "next_steps"] as const;
  for (const field of optional) {
    const next = wanted[field] ?? null;
    if (next !== (contact[field] ?? null)) changes[field] = next;
  }
  return changes;
}

export interface CaseFormState {
  category: CaseCategory | "";
  risk_level: RiskLevel | "";
  opening_reason: string;
}

export type CaseProblem = "category_required" | "risk_required" | "opening_reason_required";

export function caseProblem(form: CaseFormState): FormProblem<CaseProblem> | null {
  if (!form.category) return { field: "category", problem: "category_required" };
  if (!form.risk_level) return { field: "risk_level", problem: "risk_required" };
  if (!form.opening_reason.trim()) return { field: "opening_reason", problem: "opening_reason_required" };
  return null;
}

export interface ActionFormState {
  goal_id: string;
  text: string;
  agency: Agency | "";
  /** "me", "other" (someone outside Socius, by name), or the id of a colleague. */
  responsible: string;
  responsible_name: string;
  responsible_contact: string;
  deadline: string;
}

export type ActionProblem =
  | "goal_required"
  | "text_required"
  | "agency_required"
  | "responsible_required"
  | "deadline_required"
  | "deadline_invalid"
  | "deadline_before_opening";

/** `openedOn`: the local date the case opened; an action's deadline may not be before it. */
export function actionProblem(form: ActionFormState, openedOn: string | null): FormProblem<ActionProblem> | null {
  if (!form.goal_id) return { field: "goal_id", problem: "goal_required" };
  if (!form.text.trim()) return { field: "text", problem: "text_required" };
  if (!form.agency) return { field: "agency", problem: "agency_required" };
  if (form.responsible === "other" && !form.responsible_name.trim()) {
    return { field: "responsible_name", problem: "responsible_required" };
  }
  if (!form.deadline) return { field: "deadline", problem: "deadline_required" };
  if (!isRealDate(form.deadline)) return { field: "deadline", problem: "deadline_invalid" };
  if (openedOn && form.deadline < openedOn) return { field: "deadline", problem: "deadline_before_opening" };
  return null;
}

export interface ReferralAnswerForm {
  answer: Exclude<ReferralAnswerValue, "pending"> | "";
  answer_reason: string;
  answered_on: string;
}

export type ReferralProblem = "answer_required" | "refusal_reason_required" | "date_required" | "date_invalid";

export function referralAnswerProblem(form: ReferralAnswerForm): FormProblem<ReferralProblem> | null {
  if (!form.answer) return { field: "answer", problem: "answer_required" };
  if (form.answer === "refused" && !form.answer_reason.trim()) {
    return { field: "answer_reason", problem: "refusal_reason_required" };
  }
  if (!form.answered_on) return { field: "answered_on", problem: "date_required" };
  if (!isRealDate(form.answered_on)) return { field: "answered_on", problem: "date_invalid" };
  return null;
}

/** The local calendar date of an instant (when a case opened, for the deadline check). */
export function localDateOf(iso: string): string | null {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? null : localIsoDate(date);
}
