// The pure decisions of the services screens: the coded values of the contract, which
// enrolments hold a place and which wait, which moves need a reason, and what the provider and
// service forms send. The server decides again (docs/services-api.md); these only spare the user
// a round trip and say why in their language.
import type {
  Enrolment,
  EnrolmentPriority,
  EnrolmentState,
  Language,
  LicenceStatus,
  NewProvider,
  NewService,
  Provider,
  ProviderChanges,
  ProviderKind,
  Service,
  ServiceChanges,
  ServiceType,
  TargetGroup,
} from "../../api/types";

export const SERVICE_TYPES: readonly ServiceType[] = [
  "day_centre",
  "home_care",
  "residential_elderly",
  "residential_disability",
  "child_rehabilitation",
  "social_canteen",
  "mobile_team",
  "respite_care",
  "half_way_house",
  "family_support",
  "foster_care",
  "counselling",
  "transport",
  "other",
];
export const TARGET_GROUPS: readonly TargetGroup[] = [
  "children",
  "families",
  "elderly",
  "disability",
  "violence_survivors",
  "homeless",
  "unemployed",
  "youth",
  "other",
];
export const LICENCE_STATUSES: readonly LicenceStatus[] = ["valid", "expiring", "expired", "none"];
export const ENROLMENT_STATES: readonly EnrolmentState[] = ["waiting", "offered", "active", "suspended", "ended", "withdrawn"];
export const PRIORITIES: readonly EnrolmentPriority[] = ["urgent", "high", "normal"];
export const PROVIDER_KINDS: readonly ProviderKind[] = ["public", "non_governmental", "private"];
/** The most places a service may have (400 service.invalid_capacity above). */
export const MAX_CAPACITY = 100_000;

/** A licence that needs attention: expired, or expiring within 60 days. */
export function licenceNeedsAttention(status: LicenceStatus): boolean {
  return status === "expired" || status === "expiring";
}

/** The states that hold a place: offered, active, suspended (a suspended person keeps it). */
export function holdsPlace(state: EnrolmentState): boolean {
  return state === "offered" || state === "active" || state === "suspended";
}

/**
 * A service's enrolments as its page shows them: those holding a place (offered first, as the
 * server orders them), and the waiting list by position (1 is next).
 */
export function splitEnrolments(items: readonly Enrolment[]): { places: Enrolment[]; waiting: Enrolment[] } {
  const places = items.filter((e) => holdsPlace(e.state));
  const waiting = items
    .filter((e) => e.state === "waiting")
    .sort((a, b) => (a.position ?? Number.MAX_SAFE_INTEGER) - (b.position ?? Number.MAX_SAFE_INTEGER));
  return { places, waiting };
}

/** Withdrawing, suspending and ending need a reason (400 enrolment.reason_required). */
export function transitionNeedsReason(to: EnrolmentState): boolean {
  return to === "withdrawn" || to === "suspended" || to === "ended";
}

/** What a move means for the person, which names its button: an offer accepted or declined, ... */
export type TransitionAction = "accept" | "decline" | "withdraw" | "suspend" | "resume" | "end";

export function transitionAction(from: EnrolmentState, to: EnrolmentState): TransitionAction {
  if (to === "active") return from === "offered" ? "accept" : "resume";
  if (to === "withdrawn") return from === "offered" ? "decline" : "withdraw";
  if (to === "suspended") return "suspend";
  return "end";
}

/** A form's own finding: the field at fault and the problem, whose message is services.problem.<problem>. */
export interface FormProblem {
  field: string;
  problem: string;
}

const trimmed = (value: string) => value.trim();
/** An optional text as the API takes it: null when left empty. */
const orNull = (value: string) => (value.trim() ? value.trim() : null);

export function isRealDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/**
 * A website as a link target: an http(s) address as given, a bare host ("example.org") with
 * https:// in front; null for anything else (a `javascript:` address is never a link).
 */
export function webAddress(text: string): string | null {
  const value = text.trim();
  if (/^https?:\/\/[^\s]+$/i.test(value)) return value;
  if (/^[a-z0-9-]+(\.[a-z0-9-]+)+(\/[^\s]*)?$/i.test(value)) return `https://${value}`;
  return null;
}

// Providers.

export interface ProviderFormState {
  territory: { code: string; name: string } | null;
  name: string;
  kind: ProviderKind | "";
  legal_id: string;
  address: string;
  phone: string;
  email: string;
  website: string;
}

export const EMPTY_PROVIDER: ProviderFormState = {
  territory: null,
  name: "",
  kind: "",
  legal_id: "",
  address: "",
  phone: "",
  email: "",
  website: "",
};

export function providerFormOf(provider: Provider): ProviderFormState {
  return {
    territory: { code: provider.territory_code, name: provider.territory_name },
    name: provider.name,
    kind: provider.kind,
    legal_id: provider.legal_id ?? "",
    address: provider.address ?? "",
    phone: provider.phone ?? "",
    email: provider.email ?? "",
    website: provider.website ?? "",
  };
}

/** What a new provider lacks, first field first; null when it may be sent. */
export function providerProblem(form: ProviderFormState, creating: boolean): FormProblem | null {
  if (creating && !form.territory) return { field: "territory_code", problem: "territory_required" };
  if (!form.name.trim()) return { field: "name", problem: "name_required" };
  if (!form.kind) return { field: "kind", problem: "kind_required" };
  return null;
}

const PROVIDER_TEXTS = ["legal_id", "address", "phone", "email", "website"] as const;

export function newProviderBody(form: ProviderFormState): NewProvider {
  const body: NewProvider = { territory_code: form.territory?.code ?? "", name: trimmed(form.name), kind: form.kind };
  for (const field of PROVIDER_TEXTS) {
    const value = orNull(form[field]);
    if (value !== null) body[field] = value;
  }
  return body;
}

/** The fields changed from `provider`; an emptied optional field is sent as null (cleared). */
export function providerChanges(provider: Provider, form: ProviderFormState): ProviderChanges {
  const changes: ProviderChanges = {};
  if (trimmed(form.name) !== provider.name) changes.name = trimmed(form.name);
  if (form.kind && form.kind !== provider.kind) changes.kind = form.kind;
  for (const field of PROVIDER_TEXTS) {
    const value = orNull(form[field]);
    if (value !== (provider[field] ?? null)) changes[field] = value;
  }
  return changes;
}

// Services.

export interface ServiceFormState {
  provider: { id: string; name: string; territory_code?: string; territory_name?: string } | null;
  territory: { code: string; name: string } | null;
  name: string;
  type: ServiceType | "";
  description: string;
  capacity: string;
  licence_number: string;
  licence_valid_until: string;
  address: string;
  settlements: { code: string; name: string }[];
  target_groups: TargetGroup[];
  languages: Language[];
  opening_hours: string;
  free: boolean;
  price: string;
  how_to_apply: string;
  phone: string;
  email: string;
  active: boolean;
}

export const EMPTY_SERVICE: ServiceFormState = {
  provider: null,
  territory: null,
  name: "",
  type: "",
  description: "",
  capacity: "",
  licence_number: "",
  licence_valid_until: "",
  address: "",
  settlements: [],
  target_groups: [],
  languages: [],
  opening_hours: "",
  free: true,
  price: "",
  how_to_apply: "",
  phone: "",
  email: "",
  active: true,
};

export function serviceFormOf(service: Service): ServiceFormState {
  return {
    provider: { id: service.provider.id, name: service.provider.name },
    territory: { code: service.territory_code, name: service.territory_name },
    name: service.name,
    type: service.type,
    description: service.description ?? "",
    capacity: String(service.capacity),
    licence_number: service.licence_number ?? "",
    licence_valid_until: service.licence_valid_until ?? "",
    address: service.address ?? "",
    settlements: service.settlements.map((s) => ({ code: s.code, name: s.name })),
    target_groups: [...service.target_groups],
    languages: [...service.languages],
    opening_hours: service.opening_hours ?? "",
    free: service.free,
    price: service.price ?? "",
    how_to_apply: service.how_to_apply ?? "",
    phone: service.phone ?? "",
    email: service.email ?? "",
    active: service.active,
  };
}

/** The capacity typed, or null when it is not a whole number of places in range. */
export function parseCapacity(text: string): number | null {
  if (!/^\d+$/.test(text.trim())) return null;
  const value = Number(text.trim());
  return value <= MAX_CAPACITY ? value : null;
}

/** What a service form lacks or gets wrong, in the order of the form; null when it may be sent. */
export function serviceProblem(form: ServiceFormState, creating: boolean): FormProblem | null {
  if (creating && !form.provider) return { field: "provider_id", problem: "provider_required" };
  if (creating && !form.territory) return { field: "territory_code", problem: "territory_required" };
  if (!form.name.trim()) return { field: "name", problem: "name_required" };
  if (!form.type) return { field: "type", problem: "type_required" };
  if (!form.capacity.trim()) return { field: "capacity", problem: "capacity_required" };
  if (parseCapacity(form.capacity) === null) return { field: "capacity", problem: "capacity_invalid" };
  if (form.licence_valid_until && !isRealDate(form.licence_valid_until)) {
    return { field: "licence_valid_until", problem: "licence_date_invalid" };
  }
  if (!form.free && !form.price.trim()) return { field: "price", problem: "price_required" };
  return null;
}

const SERVICE_TEXTS = [
  "description",
  "licence_number",
  "licence_valid_until",
  "address",
  "opening_hours",
  "how_to_apply",
  "phone",
  "email",
] as const;

export function newServiceBody(form: ServiceFormState): NewService {
  const body: NewService = {
    provider_id: form.provider?.id ?? "",
    territory_code: form.territory?.code ?? "",
    name: trimmed(form.name),
    type: form.type,
    capacity: parseCapacity(form.capacity) ?? 0,
    free: form.free,
    active: form.active,
  };
  for (const field of SERVICE_TEXTS) {
    const value = orNull(form[field]);
    if (value !== null) body[field] = value;
  }
  if (!form.free) body.price = orNull(form.price);
  if (form.settlements.length) body.settlement_codes = form.settlements.map((s) => s.code);
  if (form.target_groups.length) body.target_groups = [...form.target_groups];
  if (form.languages.length) body.languages = [...form.languages];
  return body;
}

const sameSet = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && [...a].sort().join("\u0000") === [...b].sort().join("\u0000");

/** The fields changed from `service`; an emptied optional text is sent as null (cleared). */
export function serviceChanges(service: Service, form: ServiceFormState): ServiceChanges {
  const changes: ServiceChanges = {};
  if (trimmed(form.name) !== service.name) changes.name = trimmed(form.name);
  if (form.type && form.type !== service.type) changes.type = form.type;
  const capacity = parseCapacity(form.capacity);
  if (capacity !== null && capacity !== service.capacity) changes.capacity = capacity;
  for (const field of SERVICE_TEXTS) {
    const value = orNull(form[field]);
    if (value !== (service[field] ?? null)) changes[field] = value;
  }
  if (form.free !== service.free) changes.free = form.free;
  const price = form.free ? null : orNull(form.price);
  if (price !== (service.price ?? null)) changes.price = price;
  const codes = form.settlements.map((s) => s.code);
  if (!sameSet(codes, service.settlements.map((s) => s.code))) changes.settlement_codes = codes;
  if (!sameSet(form.target_groups, service.target_groups)) changes.target_groups = [...form.target_groups];
  if (!sameSet(form.languages, service.languages)) changes.languages = [...form.languages];
  if (form.active !== service.active) changes.active = form.active;
  return changes;
}
