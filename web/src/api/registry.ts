// Typed calls for the registry of persons and households and the chunked CSV import
// (docs/openapi.yaml; prose in docs/registry-api.md and docs/registry-import.md), over the
// shared ApiClient.
import { api, enc } from "./endpoints";
import type {
  AuditEntry,
  Household,
  HouseholdFields,
  ImportJob,
  LikelyMatch,
  NewHousehold,
  NewImport,
  Page,
  Person,
  PersonFields,
  PersonHit,
} from "./types";

export async function searchPersons(
  params: { q?: string; limit?: number; cursor?: string | null },
  signal?: AbortSignal,
): Promise<Page<PersonHit>> {
  return (await api.request<Page<PersonHit>>("GET", "/persons", { query: params, signal })).data;
}

export async function getPerson(id: string): Promise<Person> {
  return (await api.request<Person>("GET", `/persons/${enc(id)}`)).data;
}

/**
 * Registers a person. When likely matches exist and no `duplicateReason` is given, fails with
 * ApiError `person.possible_duplicate` whose `problem.matches` lists them (likelyMatchesOf).
 */
export async function createPerson(fields: PersonFields, duplicateReason?: string): Promise<Person> {
  const body = duplicateReason ? { ...fields, duplicate_reason: duplicateReason } : fields;
  return (await api.request<Person>("POST", "/persons", { body })).data;
}

/** The registered persons in the caller's scope a new person may be. */
export async function likelyMatches(fields: PersonFields): Promise<LikelyMatch[]> {
  return (await api.request<{ items: LikelyMatch[] }>("POST", "/persons/matches", { body: fields })).data.items;
}

export async function updatePerson(id: string, version: number, changes: PersonFields): Promise<Person> {
  return (await api.request<Person>("PATCH", `/persons/${enc(id)}`, { body: changes, ifMatch: version })).data;
}

export async function personHistory(
  id: string,
  params: { limit?: number; cursor?: string | null } = {},
): Promise<Page<AuditEntry>> {
  return (await api.request<Page<AuditEntry>>("GET", `/persons/${enc(id)}/history`, { query: params })).data;
}

export async function getHousehold(id: string): Promise<Household> {
  return (await api.request<Household>("GET", `/households/${enc(id)}`)).data;
}

export async function createHousehold(fields: NewHousehold): Promise<Household> {
  return (await api.request<Household>("POST", "/households", { body: fields })).data;
}

export async function updateHousehold(id: string, version: number, changes: HouseholdFields): Promise<Household> {
  return (await api.request<Household>("PATCH", `/households/${enc(id)}`, { body: changes, ifMatch: version })).data;
}

export async function startImport(job: NewImport): Promise<ImportJob> {
  return (await api.request<ImportJob>("POST", "/persons/imports", { body: job })).data;
}

export async function uploadImportChunk(
  id: string,
  offset: number,
  chunk: Blob,
  signal?: AbortSignal,
): Promise<ImportJob> {
  return (
    await api.request<ImportJob>("PUT", `/persons/imports/${enc(id)}/content`, {
      query: { offset },
      rawBody: chunk,
      contentType: "text/csv",
      signal,
    })
  ).data;
}

export async function getImport(id: string): Promise<ImportJob> {
  return (await api.request<ImportJob>("GET", `/persons/imports/${enc(id)}`)).data;
}

export async function cancelImport(id: string): Promise<ImportJob> {
  return (await api.request<ImportJob>("DELETE", `/persons/imports/${enc(id)}`)).data;
}
