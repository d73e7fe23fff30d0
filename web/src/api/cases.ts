// Typed calls for cases, contacts, plans, referrals, "Today" and the case settings
// (docs/openapi.yaml; prose in docs/cases-api.md), over the shared ApiClient.
import { api, enc } from "./endpoints";
import type {
  Case,
  CaseChanges,
  CaseSettings,
  CaseSettingsChanges,
  CaseState,
  CaseSummary,
  CaseWorker,
  Contact,
  ContactChanges,
  NewCase,
  NewContact,
  NewPlanAction,
  NewReferral,
  Page,
  Plan,
  PlanAction,
  PlanActionChanges,
  PlanGoal,
  Referral,
  ReferralAnswer,
  Team,
  TimelineItem,
  TimelineKind,
  Today,
} from "./types";

export interface CaseListFilter {
  state?: string;
  worker?: string;
  subject?: string;
  q?: string;
  limit?: number;
  cursor?: string | null;
}

export async function listCases(filter: CaseListFilter, signal?: AbortSignal): Promise<Page<CaseSummary>> {
  return (await api.request<Page<CaseSummary>>("GET", "/cases", { query: { ...filter }, signal })).data;
}

export async function getCase(id: string): Promise<Case> {
  return (await api.request<Case>("GET", `/cases/${enc(id)}`)).data;
}

export async function openCase(body: NewCase): Promise<Case> {
  return (await api.request<Case>("POST", "/cases", { body })).data;
}

export async function updateCase(id: string, version: number, changes: CaseChanges): Promise<Case> {
  return (await api.request<Case>("PATCH", `/cases/${enc(id)}`, { body: changes, ifMatch: version })).data;
}

/** Moves a case; `pending` is true when a child's closure now waits for approval (202). */
export async function changeCaseState(
  id: string,
  version: number,
  to: CaseState,
  reason?: string,
): Promise<{ record: Case; pending: boolean }> {
  const body = reason ? { to, reason } : { to };
  const response = await api.request<Case>("POST", `/cases/${enc(id)}/transitions`, { body, ifMatch: version });
  return { record: response.data, pending: response.status === 202 };
}

export async function decideClosure(id: string, version: number, approve: boolean, comment?: string): Promise<Case> {
  const body = comment ? { approve, comment } : { approve };
  return (await api.request<Case>("POST", `/cases/${enc(id)}/closure-decision`, { body, ifMatch: version })).data;
}

/** Asks to move a case to another community; its head of service accepts or refuses. */
export async function requestTransfer(id: string, version: number, communityCode: string, reason?: string): Promise<Case> {
  const body = reason ? { community_code: communityCode, reason } : { community_code: communityCode };
  return (await api.request<Case>("POST", `/cases/${enc(id)}/transfer`, { body, ifMatch: version })).data;
}

/** The receiving head's answer; an accepted case goes to `workerId`, or to the head without one. */
export async function decideTransfer(
  id: string,
  version: number,
  accept: boolean,
  options: { workerId?: string; comment?: string } = {},
): Promise<Case> {
  const body: { accept: boolean; worker_id?: string; comment?: string } = { accept };
  if (accept && options.workerId) body.worker_id = options.workerId;
  if (options.comment) body.comment = options.comment;
  return (await api.request<Case>("POST", `/cases/${enc(id)}/transfer-decision`, { body, ifMatch: version })).data;
}

export async function reassignCase(id: string, version: number, workerId: string): Promise<Case> {
  return (
    await api.request<Case>("POST", `/cases/${enc(id)}/assignment`, { body: { worker_id: workerId }, ifMatch: version })
  ).data;
}

/**
 * GET /case-workers?community=: the active users who hold case.work over `community`, by name
 * (case.read over it; 404 territory.not_found outside the caller's scope).
 */
export async function listCaseWorkers(community: string, signal?: AbortSignal): Promise<CaseWorker[]> {
  return (await api.request<{ items: CaseWorker[] }>("GET", "/case-workers", { query: { community }, signal })).data.items;
}

export async function caseTimeline(
  id: string,
  params: { kind?: TimelineKind | ""; limit?: number; cursor?: string | null },
): Promise<Page<TimelineItem>> {
  return (await api.request<Page<TimelineItem>>("GET", `/cases/${enc(id)}/timeline`, { query: { ...params } })).data;
}

export async function addNote(id: string, text: string, confidential: boolean): Promise<TimelineItem> {
  return (await api.request<TimelineItem>("POST", `/cases/${enc(id)}/notes`, { body: { text, confidential } })).data;
}

export async function getPlan(id: string): Promise<Plan> {
  return (await api.request<Plan>("GET", `/cases/${enc(id)}/plan`)).data;
}

export async function addGoal(id: string, text: string): Promise<PlanGoal> {
  return (await api.request<PlanGoal>("POST", `/cases/${enc(id)}/plan/goals`, { body: { text } })).data;
}

export async function addAction(id: string, body: NewPlanAction): Promise<PlanAction> {
  return (await api.request<PlanAction>("POST", `/cases/${enc(id)}/plan/actions`, { body })).data;
}

export async function updateAction(id: string, version: number, changes: PlanActionChanges): Promise<PlanAction> {
  return (await api.request<PlanAction>("PATCH", `/plan-actions/${enc(id)}`, { body: changes, ifMatch: version })).data;
}

export async function listReferrals(id: string): Promise<Referral[]> {
  return (await api.request<{ items: Referral[] }>("GET", `/cases/${enc(id)}/referrals`)).data.items;
}

export async function addReferral(id: string, body: NewReferral): Promise<Referral> {
  return (await api.request<Referral>("POST", `/cases/${enc(id)}/referrals`, { body })).data;
}

export async function answerReferral(id: string, version: number, answer: ReferralAnswer): Promise<Referral> {
  return (await api.request<Referral>("PATCH", `/referrals/${enc(id)}`, { body: answer, ifMatch: version })).data;
}

export async function listContacts(
  params: { person_id?: string; household_id?: string; case_id?: string; limit?: number; cursor?: string | null },
): Promise<Page<Contact>> {
  return (await api.request<Page<Contact>>("GET", "/contacts", { query: { ...params } })).data;
}

export async function getContact(id: string): Promise<Contact> {
  return (await api.request<Contact>("GET", `/contacts/${enc(id)}`)).data;
}

export async function recordContact(body: NewContact): Promise<Contact> {
  return (await api.request<Contact>("POST", "/contacts", { body })).data;
}

export async function updateContact(id: string, version: number, changes: ContactChanges): Promise<Contact> {
  return (await api.request<Contact>("PATCH", `/contacts/${enc(id)}`, { body: changes, ifMatch: version })).data;
}

export async function getToday(): Promise<Today> {
  return (await api.request<Today>("GET", "/today")).data;
}

/** The head's view of a territory: each worker's load and the overdue plan actions. */
export async function getTeam(territory: string, signal?: AbortSignal): Promise<Team> {
  return (await api.request<Team>("GET", "/team", { query: { territory }, signal })).data;
}

export async function getCaseSettings(communityCode: string): Promise<CaseSettings> {
  return (await api.request<CaseSettings>("GET", `/case-settings/${enc(communityCode)}`)).data;
}

export async function updateCaseSettings(
  communityCode: string,
  version: number,
  changes: CaseSettingsChanges,
): Promise<CaseSettings> {
  return (
    await api.request<CaseSettings>("PATCH", `/case-settings/${enc(communityCode)}`, { body: changes, ifMatch: version })
  ).data;
}
