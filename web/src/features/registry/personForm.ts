// The person form's state (what the inputs hold, all strings) and its translation into the
// bodies of POST /persons and PATCH /persons/{id} (docs/registry-api.md).
import type { DisabilityDegree, Person, PersonFields, Sex } from "../../api/types";

export const IDENTIFIER_SCHEMES = ["RO-CNP", "MD-IDNP", "UA-RNOKPP", "UA-UNZR", "MK-EMBG", "LT-AK"] as const;
export const DISABILITY_DEGREES: readonly DisabilityDegree[] = ["mild", "moderate", "severe", "profound"];
/** Languages offered first in the picker (the region's, then a few of its minorities'). */
export const COMMON_LANGUAGES = ["ro", "uk", "ru", "mk", "lt", "en", "hu", "bg", "rom", "pl", "sq", "tr", "de", "be"];

export interface IdentifierRow {
  key: number;
  scheme: string;
  value: string;
}

export interface PersonFormState {
  given_name: string;
  family_name: string;
  patronymic: string;
  birth_date: string;
  sex: "" | Sex;
  identifiers: IdentifierRow[];
  community: { code: string; name: string } | null;
  settlement: { code: string; name: string } | null;
  address: string;
  phone: string;
  languages: string[];
  disability_degree: "" | DisabilityDegree;
  notes: string;
}

let nextKey = 1;
export function newIdentifierRow(scheme = "", value = ""): IdentifierRow {
  return { key: nextKey++, scheme, value };
}

export function emptyPersonForm(): PersonFormState {
  return {
    given_name: "",
    family_name: "",
    patronymic: "",
    birth_date: "",
    sex: "",
    identifiers: [],
    community: null,
    settlement: null,
    address: "",
    phone: "",
    languages: [],
    disability_degree: "",
    notes: "",
  };
}

export function personFormOf(person: Person): PersonFormState {
  return {
    given_name: person.given_name,
    family_name: person.family_name,
    patronymic: person.patronymic ?? "",
    birth_date: person.birth_date ?? "",
    sex: person.sex ?? "",
    identifiers: person.identifiers.map((id) => newIdentifierRow(id.scheme, id.value)),
    community: { code: person.community_code, name: person.community_name },
    settlement: person.settlement_code
      ? { code: person.settlement_code, name: person.settlement_name ?? person.settlement_code }
      : null,
    address: person.address ?? "",
    phone: person.phone ?? "",
    languages: [...person.languages],
    disability_degree: person.disability_degree ?? "",
    notes: person.notes ?? "",
  };
}

const optional = (text: string): string | null => (text.trim() ? text.trim() : null);

/**
 * Every field of the form as the API wants it: optional text empty → null, identifier rows left
 * entirely blank dropped (a half-filled row is sent, so the server names what is missing).
 */
export function personFields(state: PersonFormState): Required<PersonFields> {
  return {
    given_name: state.given_name.trim(),
    family_name: state.family_name.trim(),
    patronymic: optional(state.patronymic),
    birth_date: state.birth_date || null,
    sex: state.sex || null,
    identifiers: state.identifiers
      .filter((row) => row.scheme || row.value.trim())
      .map((row) => ({ scheme: row.scheme, value: row.value.trim() })),
    community_code: state.community?.code ?? "",
    settlement_code: state.settlement?.code ?? null,
    address: optional(state.address),
    phone: optional(state.phone),
    languages: [...state.languages],
    disability_degree: state.disability_degree || null,
    notes: state.notes.trim() ? state.notes : null,
  };
}

/** Body of POST /persons: the fields that have a value. */
export function createBody(state: PersonFormState): PersonFields {
  const fields = personFields(state);
  const body: PersonFields = {};
  for (const [key, value] of Object.entries(fields) as [keyof PersonFields, unknown][]) {
    if (value === null || value === "") continue;
    if (Array.isArray(value) && value.length === 0) continue;
    (body as Record<string, unknown>)[key] = value;
  }
  return body;
}

/** Body of PATCH /persons/{id}: only what differs from the stored person (null clears). */
export function patchBody(person: Person, state: PersonFormState): PersonFields {
  const fields = personFields(state);
  const before = personFields(personFormOf(person));
  const body: PersonFields = {};
  for (const key of Object.keys(fields) as (keyof PersonFields)[]) {
    if (JSON.stringify(fields[key]) === JSON.stringify(before[key])) continue;
    if (key === "community_code" && !fields.community_code) continue;
    (body as Record<string, unknown>)[key] = fields[key];
  }
  return body;
}

/** The identifier rows sent to the API (blank rows dropped): the API's `identifiers[i]` is the i-th. */
export function sentIdentifierRows(state: PersonFormState): IdentifierRow[] {
  return state.identifiers.filter((row) => row.scheme || row.value.trim());
}
