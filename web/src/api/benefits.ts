// Typed calls for benefit programmes, their budgets, eligibility and previews, applications and
// decisions (docs/openapi.yaml; prose in docs/benefits-api.md), over the shared ApiClient.
// Money crosses the wire as integer minor units of the programme's currency.
import { api, enc } from "./endpoints";
import type {
  Application,
  ApplicationChanges,
  ApplicationFilter,
  Budget,
  Card,
  CardState,
  Decision,
  DecisionFilter,
  DecisionTransition,
  Eligibility,
  NewApplication,
  NewDecision,
  NewPaymentList,
  NewProgramme,
  Page,
  PaymentConfirmation,
  PaymentLine,
  PaymentList,
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

// --- payment lists ---

export async function listPaymentLists(
  filter: { programme_id?: string } & Paging,
  signal?: AbortSignal,
): Promise<Page<PaymentList>> {
  return (await api.request<Page<PaymentList>>("GET", "/payment-lists", { query: { ...filter }, signal })).data;
}

/** Generates a programme's list for a month (never a household twice for that month). */
export async function createPaymentList(body: NewPaymentList): Promise<PaymentList> {
  return (await api.request<PaymentList>("POST", "/payment-lists", { body })).data;
}

export async function getPaymentList(id: string): Promise<PaymentList> {
  return (await api.request<PaymentList>("GET", `/payment-lists/${enc(id)}`)).data;
}

/** A page of a list's lines, by reference (an audited read of who is paid). */
export async function listPaymentLines(id: string, paging: Paging): Promise<Page<PaymentLine>> {
  return (await api.request<Page<PaymentLine>>("GET", `/payment-lists/${enc(id)}/lines`, { query: { ...paging } }))
    .data;
}

/** A household's payments, newest month first. */
export async function listHouseholdPayments(householdId: string, paging: Paging = {}): Promise<Page<PaymentLine>> {
  return (await api.request<Page<PaymentLine>>("GET", "/payments", { query: { household_id: householdId, ...paging } }))
    .data;
}

/** The address that downloads the whole list as a file (the session cookie goes with it). */
export function paymentListExportUrl(id: string, format: "csv" | "xlsx"): string {
  return api.buildUrl(`/payment-lists/${enc(id)}/export`, { format });
}

/** Applies the bank's confirmation file; refused whole (400, field `lines[N]`) when a line is wrong. */
export async function confirmPayments(id: string, file: Blob): Promise<PaymentConfirmation> {
  return (
    await api.request<PaymentConfirmation>("POST", `/payment-lists/${enc(id)}/confirmation`, {
      rawBody: file,
      contentType: "text/csv",
    })
  ).data;
}

// --- large-family cards ---

export async function listCards(
  filter: { household_id?: string; programme_id?: string; state?: CardState } & Paging,
): Promise<Page<Card>> {
  return (await api.request<Page<Card>>("GET", "/cards", { query: { ...filter } })).data;
}

/** Issues the card an active decision of a large-family card programme entitles to. */
export async function issueCard(decisionId: string, validUntil?: string): Promise<Card> {
  return (await api.request<Card>("POST", "/cards", { body: { decision_id: decisionId, valid_until: validUntil || undefined } }))
    .data;
}

export async function revokeCard(id: string, version: number, reason: string): Promise<Card> {
  return (await api.request<Card>("POST", `/cards/${enc(id)}/revoke`, { body: { reason }, ifMatch: version })).data;
}

/** The printable card (PDF): one card-sized page, or the card on an A4 sheet with cut marks. */
export function cardPdfUrl(id: string, layout: "card" | "a4"): string {
  return api.buildUrl(`/cards/${enc(id)}/pdf`, { layout });
}
