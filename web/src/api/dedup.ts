// Typed calls for possible duplicates, merges and duplicate runs (docs/openapi.yaml; prose in
// docs/dedup-api.md), over the shared ApiClient.
import { api, enc } from "./endpoints";
import type {
  DuplicatePair,
  DuplicatePairDetail,
  DuplicateRun,
  DuplicateStatus,
  Merge,
  MergeRequest,
  Page,
} from "./types";

export async function listDuplicates(params: {
  territory?: string;
  status?: DuplicateStatus;
  limit?: number;
  cursor?: string | null;
}): Promise<Page<DuplicatePair>> {
  return (await api.request<Page<DuplicatePair>>("GET", "/duplicates", { query: params })).data;
}

export async function getDuplicate(id: string): Promise<DuplicatePairDetail> {
  return (await api.request<DuplicatePairDetail>("GET", `/duplicates/${enc(id)}`)).data;
}

/** Marks the pair "not the same person"; a later run does not propose it again. */
export async function markNotSame(id: string, version: number): Promise<DuplicatePair> {
  return (await api.request<DuplicatePair>("POST", `/duplicates/${enc(id)}/not-same`, { body: { version } })).data;
}

/** Puts a pair marked "not the same person" back among the open ones. */
export async function reopenDuplicate(id: string, version: number): Promise<DuplicatePair> {
  return (await api.request<DuplicatePair>("POST", `/duplicates/${enc(id)}/reopen`, { body: { version } })).data;
}

export async function mergePersons(request: MergeRequest): Promise<Merge> {
  return (await api.request<Merge>("POST", "/merges", { body: request })).data;
}

export async function listMerges(params: {
  territory?: string;
  limit?: number;
  cursor?: string | null;
}): Promise<Page<Merge>> {
  return (await api.request<Page<Merge>>("GET", "/merges", { query: params })).data;
}

export async function getMerge(id: string): Promise<Merge> {
  return (await api.request<Merge>("GET", `/merges/${enc(id)}`)).data;
}

/** Undoes a merge: both records as they were, what moved goes back. */
export async function undoMerge(id: string, version: number): Promise<Merge> {
  return (await api.request<Merge>("POST", `/merges/${enc(id)}/undo`, { ifMatch: version })).data;
}

/** Starts a run over a territory; it goes on after the answer (follow it with getDuplicateRun). */
export async function startDuplicateRun(territoryCode: string): Promise<DuplicateRun> {
  return (await api.request<DuplicateRun>("POST", "/duplicates/runs", { body: { territory_code: territoryCode } })).data;
}

/** The latest ten runs over a territory, newest first. */
export async function listDuplicateRuns(territory?: string): Promise<DuplicateRun[]> {
  return (await api.request<{ items: DuplicateRun[] }>("GET", "/duplicates/runs", { query: { territory } })).data.items;
}

export async function getDuplicateRun(id: string): Promise<DuplicateRun> {
  return (await api.request<DuplicateRun>("GET", `/duplicates/runs/${enc(id)}`)).data;
}
