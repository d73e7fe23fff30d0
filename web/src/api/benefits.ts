// Typed calls for benefit programmes, their budgets, eligibility and previews, applications and
// decisions (docs/openapi.yaml; prose in docs/benefits-api.md), over the shared ApiClient.
// Money crosses the wire as integer minor units of the programme's currency.
import { api, enc } from "./endpoints";
import type {
  Application,
  ApplicationChanges,
  ApplicationFilter,
  Budget,
  Decision,
  DecisionFilter,
  DecisionTransition,
  Eligibility,
  NewApplication,
  NewDecision,
  NewProgramme,
  Page,
  Programme,
  ProgrammeChanges,
  ProgrammeFilter,
  ProgrammePreview,
} from "./types";

interface Paging {
  limit?: number;
  cursor?: string | null;
}

export async function listProgrammes(filter: ProgrammeFilter & Paging, signal?: AbortSignal): Promise<Page<Programme>> {
  return (await api.request<Page<Programme>>("GET", "/programmes", { query: { ...filter }, signal })).data;
}

export async function getProgramme(id: string): Promise<Programme> {
  return (await api.request<Programme>("GET", `/programmes/${enc(id)}`)).data;
}

export async function createProgramme(body: NewProgramme): Promise<Programme> {
  return (await api.request<Programme>("POST", "/programmes", { body })).data;
}

export async function updateProgramme(id: string, version: number, changes: ProgrammeChanges): Promise<Programme> {
  return (await api.request<Programme>("PATCH", `/programmes/${enc(id)}`, { body: changes, ifMatch: version })).data;
}

/** The budget periods the months from..to (`YYYY-MM`, at most 36) touch, with what is committed. */
export async function listBudgets(id: string, from: string, to: string): Promise<Budget[]> {
  return (await api.request<{ items: Budget[] }>("GET", `/programmes/${enc(id)}/budgets`, { query: { from, to } })).data
    .items;
}

/** Sets one period's own budget; refused (budget.below_committed) below what is committed. */
export async function setBudget(id: string, period: string, amountMinor: number): Promise<Budget> {
  return (
    await api.request<Budget>("PUT", `/programmes/${enc(id)}/budgets/${enc(period)}`, {
      body: { amount_minor: amountMinor },
    })
  ).data;
}

/** One household's eligibility for a month, rule by rule (audited as a read of the household). */
export async function explainEligibility(id: string, householdId: string, month?: string): Promise<Eligibility> {
  return (
    await api.request<Eligibility>("GET", `/programmes/${enc(id)}/eligibility`, {
      query: { household_id: householdId, month },
    })
  ).data;
}

/** Counts over a territory's households: eligible, cost, and how many each rule removes. */
export async function previewProgramme(id: string, territory?: string, month?: string): Promise<ProgrammePreview> {
  return (await api.request<ProgrammePreview>("GET", `/programmes/${enc(id)}/preview`, { query: { territory, month } })).data;
}

export async function listApplications(filter: ApplicationFilter & Paging, signal?: AbortSignal): Promise<Page<Application>> {
  return (await api.request<Page<Application>>("GET", "/applications", { query: { ...filter }, signal })).data;
}

export async function getApplication(id: string): Promise<Application> {
  return (await api.request<Application>("GET", `/applications/${enc(id)}`)).data;
}

/** Records an application; the answer carries the eligibility computed on it. */
export async function createApplication(body: NewApplication): Promise<Application> {
  return (await api.request<Application>("POST", "/applications", { body })).data;
}

export async function updateApplication(id: string, version: number, changes: ApplicationChanges): Promise<Application> {
  return (await api.request<Application>("PATCH", `/applications/${enc(id)}`, { body: changes, ifMatch: version })).data;
}

export async function withdrawApplication(id: string, version: number, reason: string): Promise<Application> {
  return (
    await api.request<Application>("POST", `/applications/${enc(id)}/withdraw`, { body: { reason }, ifMatch: version })
  ).data;
}

/** Approves (amount and period default to the eligibility's) or rejects an application. */
export async function decideApplication(id: string, version: number, body: NewDecision): Promise<Decision> {
  return (await api.request<Decision>("POST", `/applications/${enc(id)}/decision`, { body, ifMatch: version })).data;
}

export async function listDecisions(filter: DecisionFilter & Paging, signal?: AbortSignal): Promise<Page<Decision>> {
  return (await api.request<Page<Decision>>("GET", "/decisions", { query: { ...filter }, signal })).data;
}

export async function getDecision(id: string): Promise<Decision> {
  return (await api.request<Decision>("GET", `/decisions/${enc(id)}`)).data;
}

/** The second approval, a rejection, a suspension, a resumption or the end of a decision. */
export async function changeDecisionState(id: string, version: number, transition: DecisionTransition): Promise<Decision> {
  return (
    await api.request<Decision>("POST", `/decisions/${enc(id)}/transitions`, { body: transition, ifMatch: version })
  ).data;
}
