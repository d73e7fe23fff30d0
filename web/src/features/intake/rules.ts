// The pure decisions of the intake screens: the states of a request for help, which list the
// queue shows, what an answer sends and what it lacks before it is sent, how the queue's
// figure on "Today" reads. The server decides again (docs/services-api.md, "Requests for
// help"); these only spare the worker a round trip and say why in their language.
import { ApiError } from "../../api/client";
import type { HelpOutcome, HelpRequest, HelpResolution, HelpState, Page } from "../../api/types";

export const HELP_STATES: readonly HelpState[] = ["open", "audience", "case", "closed"];
export const HELP_OUTCOMES: readonly HelpOutcome[] = ["audience", "case", "closed"];

/** What the queue lists: the requests waiting for an answer, or those answered. */
export type QueueFilter = "open" | "resolved";
export const QUEUE_FILTERS: readonly QueueFilter[] = ["open", "resolved"];

/** The queue's filter from the address's `?state=`; anything else is the open requests. */
export function queueFilter(value: string | null | undefined): QueueFilter {
  return value === "resolved" ? "resolved" : "open";
}

/** The longest answer the form takes (the server's limit on a request's own text). */
export const MAX_ANSWER = 2000;
/** The longest "what was done" of a contact and opening reason of a case. */
export const MAX_CASEWORK_TEXT = 4000;

/**
 * The text an audience's "what was done" or a case's opening reason starts from: a line that
 * names the request (`heading`, in the worker's language), then the resident's own words,
 * cut to what the field takes.
 */
export function prefillFromNeed(heading: string, need: string, max = MAX_CASEWORK_TEXT): string {
  const text = `${heading}\n${need.trim()}`;
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}

/** The start of a long need, for a line of the queue: whole words, and "…" when cut. */
export function excerpt(text: string, max = 160): string {
  const flat = text.replace(/\s+/g, " ").trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max);
  const space = cut.lastIndexOf(" ");
  return `${(space > max / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/**
 * A link for the contact a resident left: an email address as `mailto:`, something that reads
 * as a phone number as `tel:`; null for anything else (shown as text).
 */
export function contactHref(contact: string): string | null {
  const value = contact.trim();
  if (/^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/.test(value)) return `mailto:${value}`;
  if (/^\+?[\d\s().\-/]{6,}$/.test(value) && (value.match(/\d/g) ?? []).length >= 6) {
    return `tel:${value.replace(/[^\d+]/g, "")}`;
  }
  return null;
}

/** The queue names the community of each request only when it holds more than one. */
export function showsCommunity(items: readonly Pick<HelpRequest, "community_code">[]): boolean {
  return new Set(items.map((item) => item.community_code)).size > 1;
}

/** The person an audience is recorded with or a case opened on. */
export interface ChosenPerson {
  id: string;
  name: string;
  birth_date: string | null;
  community_code: string;
  community_name: string;
}

export type AnswerProblem = "person_required" | "person_outside_community" | "answer_required";

/** A form's own finding, with the field at fault; its message is intake.problem.<problem>. */
export interface AnswerFormProblem {
  field: string;
  problem: AnswerProblem;
}

/**
 * What the choice of person lacks: none chosen, or one of another community (the server
 * refuses to link an audience or a case of another community: 400 help.link_not_found, after
 * the contact or case would already be recorded).
 */
export function personProblem(
  person: Pick<ChosenPerson, "community_code"> | null,
  request: Pick<HelpRequest, "community_code">,
): AnswerFormProblem | null {
  if (!person) return { field: "person_id", problem: "person_required" };
  if (person.community_code !== request.community_code) return { field: "person_id", problem: "person_outside_community" };
  return null;
}

export function answerProblem(answer: string): AnswerFormProblem | null {
  return answer.trim() ? null : { field: "answer", problem: "answer_required" };
}

/** The body of POST /help-requests/{id}/resolution for each way of answering. */
export function resolution(
  answer: { outcome: "audience"; contactId: string } | { outcome: "case"; caseId: string } | { outcome: "closed"; answer: string },
): HelpResolution {
  switch (answer.outcome) {
    case "audience":
      return { outcome: "audience", contact_id: answer.contactId };
    case "case":
      return { outcome: "case", case_id: answer.caseId };
    case "closed":
      return { outcome: "closed", answer: answer.answer.trim() };
  }
}

/**
 * The request changed since it was read: answered by someone else (409 help.already_resolved)
 * or a newer version (409 conflict.stale_version). Both are told by the alert that reloads it.
 */
export function isAnswerConflict(error: unknown): boolean {
  return error instanceof ApiError && (error.code === "help.already_resolved" || error.code === "conflict.stale_version");
}

/** How many requests wait, from the first page of the open queue: `more` when there are others. */
export function waitingCount(page: Page<unknown>): { count: number; more: boolean } {
  return { count: page.items.length, more: page.next_cursor !== null };
}
