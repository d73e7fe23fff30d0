// Typed calls for residents' requests for help: the public form's endpoint and the workers'
// intake queue (docs/openapi.yaml; prose in docs/services-api.md), over the shared ApiClient.
import { api, enc } from "./endpoints";
import type {
  HelpRequest,
  HelpRequestFilter,
  HelpRequestReceived,
  HelpResolution,
  NewHelpRequest,
  Page,
  PublicDirectory,
  ServiceType,
} from "./types";

interface Paging {
  limit?: number;
  cursor?: string | null;
}

/** GET /help-requests: `open` ones (the default) or those answered, oldest first. */
export async function listHelpRequests(
  filter: HelpRequestFilter & Paging,
  signal?: AbortSignal,
): Promise<Page<HelpRequest>> {
  return (await api.request<Page<HelpRequest>>("GET", "/help-requests", { query: { ...filter }, signal })).data;
}

export async function getHelpRequest(id: string): Promise<HelpRequest> {
  return (await api.request<HelpRequest>("GET", `/help-requests/${enc(id)}`)).data;
}

/**
 * Answers a request: with the audience recorded (`contact_id`), the case opened (`case_id`) or
 * a closure (`answer`). Fails with ApiError `help.already_resolved` or `conflict.stale_version`
 * when someone answered or changed it meanwhile.
 */
export async function resolveHelpRequest(id: string, version: number, resolution: HelpResolution): Promise<HelpRequest> {
  return (
    await api.request<HelpRequest>("POST", `/help-requests/${enc(id)}/resolution`, { body: resolution, ifMatch: version })
  ).data;
}

/** A community's public directory, as residents see it (no account needed). */
export async function publicDirectory(
  code: string,
  query: { q?: string; type?: ServiceType; lang?: string } = {},
  signal?: AbortSignal,
): Promise<PublicDirectory> {
  return (
    await api.request<PublicDirectory>("GET", `/public/communities/${enc(code)}/services`, { query: { ...query }, signal })
  ).data;
}

/** A resident's request for help; the answer carries the confirmation to show them. */
export async function askForHelp(code: string, body: NewHelpRequest): Promise<HelpRequestReceived> {
  return (await api.request<HelpRequestReceived>("POST", `/public/communities/${enc(code)}/help-requests`, { body })).data;
}
