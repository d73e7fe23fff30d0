// Typed calls for each endpoint of docs/openapi.yaml, over one shared ApiClient; each takes and
// returns the types the contract names for it (./types.ts).
import { ApiClient } from "./client";
import type {
  AuditEntry,
  AuditFilter,
  AuditVerification,
  Language,
  NewTerritory,
  NewUser,
  Page,
  RolePermissions,
  SessionInfo,
  Territory,
  TerritoryChanges,
  TerritoryList,
  TerritoryLevel,
  User,
  UserChanges,
  UserCreated,
} from "./types";

export const api = new ApiClient();

/** Encodes one path segment; `:` stays literal (valid in a path, and in every territory code). */
export function enc(segment: string): string {
  return encodeURIComponent(segment).replace(/%3A/gi, ":");
}

/** Signs in; `language`, the one chosen on the sign-in page, becomes the user's language. */
export async function login(username: string, password: string, language?: Language): Promise<SessionInfo> {
  const body = language ? { username, password, language } : { username, password };
  return (await api.request<SessionInfo>("POST", "/session", { body })).data;
}

/** Stores the signed-in user's own language (PATCH /session; no permission needed). */
export async function updateSessionLanguage(language: Language): Promise<SessionInfo> {
  return (await api.request<SessionInfo>("PATCH", "/session", { body: { language } })).data;
}

export async function currentSession(): Promise<SessionInfo> {
  return (await api.request<SessionInfo>("GET", "/session")).data;
}

export async function logout(): Promise<void> {
  await api.request<void>("DELETE", "/session");
}

export async function changePassword(current_password: string, new_password: string): Promise<void> {
  await api.request<void>("POST", "/session/password", { body: { current_password, new_password } });
}

export async function listRoles(): Promise<RolePermissions[]> {
  return (await api.request<{ items: RolePermissions[] }>("GET", "/roles")).data.items;
}

export async function listTerritories(params: {
  parent?: string;
  q?: string;
  level?: TerritoryLevel;
  limit?: number;
  cursor?: string | null;
}): Promise<TerritoryList> {
  return (await api.request<TerritoryList>("GET", "/territories", { query: params })).data;
}

export async function getTerritory(code: string): Promise<Territory> {
  return (await api.request<Territory>("GET", `/territories/${enc(code)}`)).data;
}

export async function createTerritory(territory: NewTerritory): Promise<Territory> {
  return (await api.request<Territory>("POST", "/territories", { body: territory })).data;
}

export async function updateTerritory(
  code: string,
  version: number,
  changes: TerritoryChanges,
): Promise<Territory> {
  return (await api.request<Territory>("PATCH", `/territories/${enc(code)}`, { body: changes, ifMatch: version }))
    .data;
}

export async function listUsers(params: { q?: string; limit?: number; cursor?: string | null }): Promise<Page<User>> {
  return (await api.request<Page<User>>("GET", "/users", { query: params })).data;
}

export async function getUser(id: string): Promise<User> {
  return (await api.request<User>("GET", `/users/${enc(id)}`)).data;
}

export async function createUser(user: NewUser): Promise<UserCreated> {
  return (await api.request<UserCreated>("POST", "/users", { body: user })).data;
}

export async function updateUser(id: string, version: number, changes: UserChanges): Promise<User> {
  return (await api.request<User>("PATCH", `/users/${enc(id)}`, { body: changes, ifMatch: version })).data;
}

export async function resetPassword(id: string): Promise<string> {
  return (await api.request<{ one_time_password: string }>("POST", `/users/${enc(id)}/password-reset`)).data
    .one_time_password;
}

export async function listAudit(
  filter: AuditFilter & { limit?: number; cursor?: string | null },
): Promise<Page<AuditEntry>> {
  return (await api.request<Page<AuditEntry>>("GET", "/audit", { query: { ...filter } })).data;
}

export async function verifyAudit(): Promise<AuditVerification> {
  return (await api.request<AuditVerification>("GET", "/audit/verify")).data;
}
