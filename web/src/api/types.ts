// Wire types of the HTTP API, as described in docs/api-contract.md.

export type Language = "ro" | "uk" | "mk" | "lt" | "ru" | "en";

export type TerritoryLevel = "country" | "region" | "district" | "community" | "settlement";

export interface Territory {
  id: string;
  code: string;
  name: string;
  name_latin: string | null;
  level: TerritoryLevel;
  parent_code: string | null;
  path: string;
  version: number;
}

export interface RoleAssignment {
  role: string;
  territory_code: string;
  territory_name?: string;
}

export interface User {
  id: string;
  username: string;
  display_name: string;
  language: Language;
  home_territory_code: string;
  active: boolean;
  locked: boolean;
  must_change_password: boolean;
  roles: RoleAssignment[];
  version: number;
  created_at: string;
  last_login_at: string | null;
}

export interface SessionInfo {
  csrf_token: string;
  user: User;
}

export interface RolePermissions {
  role: string;
  permissions: string[];
}

export interface Page<T> {
  items: T[];
  next_cursor: string | null;
}

export interface AuditEntry {
  seq: number;
  at: string;
  actor_id: string | null;
  actor_username: string | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  territory_code: string | null;
  detail: Record<string, unknown>;
  hash: string;
}

export interface AuditVerification {
  ok: boolean;
  entries: number;
  first_bad_seq: number | null;
  problem: string | null;
}

export interface NewTerritory {
  code: string;
  name: string;
  name_latin?: string;
  level: TerritoryLevel;
  parent_code: string;
}

export interface NewUser {
  username: string;
  display_name: string;
  language?: Language;
  home_territory_code: string;
  roles: { role: string; territory_code: string }[];
  password?: string;
}

export interface UserChanges {
  display_name?: string;
  language?: Language;
  active?: boolean;
  roles?: { role: string; territory_code: string }[];
  unlock?: boolean;
}

export interface AuditFilter {
  actor?: string;
  action?: string;
  entity_type?: string;
  entity_id?: string;
  from?: string;
  to?: string;
}
