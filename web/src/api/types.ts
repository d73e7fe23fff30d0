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

// Registry of persons and households (docs/registry-api.md) and its CSV import
// (docs/registry-import.md).

export type IdentifierScheme = "RO-CNP" | "MD-IDNP" | "UA-RNOKPP" | "UA-UNZR" | "MK-EMBG" | "LT-AK";
export type Sex = "female" | "male";
export type DisabilityDegree = "mild" | "moderate" | "severe" | "profound";

export interface PersonIdentifier {
  scheme: string;
  value: string;
}

export interface Person {
  id: string;
  version: number;
  given_name: string;
  family_name: string;
  patronymic: string | null;
  birth_date: string | null;
  sex: Sex | null;
  identifiers: PersonIdentifier[];
  community_code: string;
  community_name: string;
  settlement_code: string | null;
  settlement_name: string | null;
  address: string | null;
  phone: string | null;
  languages: string[];
  disability_degree: DisabilityDegree | null;
  notes: string | null;
  household_id: string | null;
  age: number | null;
  created_at: string;
  updated_at: string;
}

export type PersonMatch = "identifier" | "exact" | "prefix" | "fuzzy" | "list";

export interface PersonHit {
  id: string;
  given_name: string;
  family_name: string;
  patronymic: string | null;
  birth_date: string | null;
  sex: Sex | null;
  age: number | null;
  community_code: string;
  community_name: string;
  identifiers: { scheme: string; value_masked: string }[];
  match: PersonMatch;
}

/** Body of POST /persons, and (any subset, null clearing a field) of PATCH /persons/{id}. */
export interface PersonFields {
  given_name?: string;
  family_name?: string;
  patronymic?: string | null;
  birth_date?: string | null;
  sex?: Sex | null;
  identifiers?: PersonIdentifier[];
  community_code?: string;
  settlement_code?: string | null;
  address?: string | null;
  phone?: string | null;
  languages?: string[];
  disability_degree?: DisabilityDegree | null;
  notes?: string | null;
}

export type DwellingType =
  | "house"
  | "apartment"
  | "social_housing"
  | "institution"
  | "informal"
  | "homeless"
  | "other";
export type IncomeBand = "none" | "very_low" | "low" | "medium" | "high";
export type Relationship =
  | "head"
  | "spouse"
  | "partner"
  | "child"
  | "parent"
  | "sibling"
  | "grandchild"
  | "grandparent"
  | "other_relative"
  | "non_relative";

export interface HouseholdMember {
  person_id: string;
  given_name: string;
  family_name: string;
  birth_date: string | null;
  age: number | null;
  relationship_to_head: Relationship;
}

export interface Household {
  id: string;
  version: number;
  community_code: string;
  community_name: string;
  settlement_code: string | null;
  address: string | null;
  dwelling_type: DwellingType | null;
  income_band: IncomeBand | null;
  head_person_id: string | null;
  members: HouseholdMember[];
  created_at: string;
  updated_at: string;
}

export interface HouseholdFields {
  community_code?: string;
  settlement_code?: string | null;
  address?: string | null;
  dwelling_type?: DwellingType | null;
  income_band?: IncomeBand | null;
  members?: { person_id: string; relationship_to_head: Relationship }[];
}

export type ImportStatus =
  | "uploading"
  | "queued"
  | "validating"
  | "writing"
  | "done"
  | "failed"
  | "cancelled";

export interface ImportProblem {
  row: number;
  field: string;
  code: string;
  message: string;
  /** What the message names, e.g. the earlier row of a duplicate. */
  params: Record<string, string>;
  severity: "error" | "warning";
}

export interface ImportJob {
  id: string;
  status: ImportStatus;
  file_name: string;
  size: number;
  sha256: string;
  bytes_received: number;
  mode: "all_or_nothing" | "partial";
  /** Null for installation-wide jobs and those of the CLI without an actor. */
  community_code: string | null;
  rows_total: number;
  rows_read: number;
  rows_ok: number;
  rows_rejected: number;
  rows_written: number;
  errors?: ImportProblem[];
  errors_truncated?: boolean;
  created_at: string;
  updated_at: string;
}

export interface NewImport {
  file_name: string;
  size: number;
  sha256: string;
  mapping?: Record<string, string>;
  partial?: boolean;
  skip_possible_duplicates?: boolean;
  again?: boolean;
  community_code?: string;
}
