// Words for the values of possible duplicates, merges and runs, and the small computations the
// pages show (a weight with its sign, the evidence bar, what a merge moved).
import type {
  AttachedCounts,
  DuplicateRun,
  DuplicateStatus,
  EvidenceField,
  EvidenceLevel,
  Language,
  MergeMoved,
  RolePermissions,
  User,
} from "../../api/types";
import type { TerritoryRef } from "../../components/TerritorySearch";
import { intlLocale } from "../../i18n/format";
import type { MessageKey, Translate } from "../../i18n/i18n";

export const DUPLICATE_STATUSES: readonly DuplicateStatus[] = ["open", "not_same", "merged"];

const STATUS: Record<DuplicateStatus, MessageKey> = {
  open: "duplicates.status.open",
  not_same: "duplicates.status.not_same",
  merged: "duplicates.status.merged",
};

const EVIDENCE_FIELD: Record<EvidenceField, MessageKey> = {
  family_name: "registry.field.family_name",
  given_name: "registry.field.given_name",
  patronymic: "registry.field.patronymic",
  birth_date: "registry.field.birth_date",
  identifier: "registry.field.identifiers",
  settlement: "registry.field.settlement",
  household: "registry.field.household",
  phone: "registry.field.phone",
  sex: "registry.field.sex",
};

const LEVEL: Record<EvidenceLevel, MessageKey> = {
  same: "duplicates.level.same",
  form: "duplicates.level.form",
  close: "duplicates.level.close",
  similar: "duplicates.level.similar",
  one_part: "duplicates.level.one_part",
  transposed: "duplicates.level.transposed",
  different: "duplicates.level.different",
  missing: "duplicates.level.missing",
};

const MERGE_FIELD: Record<string, MessageKey> = {
  given_name: "registry.field.given_name",
  family_name: "registry.field.family_name",
  patronymic: "registry.field.patronymic",
  birth_date: "registry.field.birth_date",
  sex: "registry.field.sex",
  settlement: "duplicates.field.settlement",
  address: "registry.field.address",
  phone: "registry.field.phone",
  languages: "registry.field.languages",
  disability_degree: "registry.field.disability_degree",
  notes: "registry.field.notes",
};

/** What a merge moves, in the order the pages list it. */
export const MOVED_KINDS = [
  "identifiers",
  "households",
  "cases",
  "contacts",
  "assessments",
  "enrolments",
  "applications",
  "payments",
] as const;
export type MovedKind = (typeof MOVED_KINDS)[number];

const MOVED: Record<MovedKind, MessageKey> = {
  identifiers: "duplicates.moved.identifiers",
  households: "duplicates.moved.households",
  cases: "duplicates.moved.cases",
  contacts: "duplicates.moved.contacts",
  assessments: "duplicates.moved.assessments",
  enrolments: "duplicates.moved.enrolments",
  applications: "duplicates.moved.applications",
  payments: "duplicates.moved.payments",
};

export const DuplicateLabels = {
  status: (value: DuplicateStatus, t: Translate) => t(STATUS[value]),
  evidenceField: (value: EvidenceField, t: Translate) => (EVIDENCE_FIELD[value] ? t(EVIDENCE_FIELD[value]) : value),
  level: (value: EvidenceLevel, t: Translate) => (LEVEL[value] ? t(LEVEL[value]) : value),
  moved: (kind: MovedKind, t: Translate) => t(MOVED[kind]),
  /** A field of `take_from_merged` (a MergeField) or of a merge's `taken`: "Phone", "Identifier UA-RNOKPP". */
  mergeField: (field: string, t: Translate) => {
    if (field.startsWith("identifier:")) return t("duplicates.field.identifier", { scheme: field.slice("identifier:".length) });
    return MERGE_FIELD[field] ? t(MERGE_FIELD[field]) : field;
  },
};

/** A weight with its sign ("+3.2", "−1.5"): positive speaks for one person, negative against. */
export function formatWeight(weight: number, language: Language): string {
  return new Intl.NumberFormat(intlLocale(language), {
    signDisplay: "exceptZero",
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
  }).format(weight);
}

/** A duration in seconds with at most one decimal ("2.4"). */
export function formatSeconds(seconds: number, language: Language): string {
  return new Intl.NumberFormat(intlLocale(language), { maximumFractionDigits: 1 }).format(seconds);
}

/** The width of a weight's bar, 0..100 (% of the widest weight of the pair). */
export function weightBarPercent(weight: number, weights: readonly number[]): number {
  const widest = Math.max(0, ...weights.map((w) => Math.abs(w)));
  if (widest === 0) return 0;
  return Math.round((Math.abs(weight) / widest) * 100);
}

/** The kinds a merge moved (or would move) with their counts, leaving out the empty ones. */
export function movedEntries(moved: MergeMoved | (AttachedCounts & Partial<MergeMoved>)): [MovedKind, number][] {
  return MOVED_KINDS.flatMap((kind) => {
    const count = moved[kind] ?? 0;
    return count > 0 ? [[kind, count] as [MovedKind, number]] : [];
  });
}

/**
 * The territory the duplicates page opens on: that of the first role that may merge persons,
 * else the user's home territory.
 */
export function defaultDuplicatesTerritory(
  user: Pick<User, "roles" | "home_territory_code" | "home_territory_name"> | null,
  roles: readonly RolePermissions[],
): TerritoryRef | null {
  if (!user) return null;
  const merging = new Set(roles.filter((r) => r.permissions.includes("person.merge")).map((r) => r.role));
  const grant = user.roles.find((g) => merging.has(g.role));
  if (grant) return { code: grant.territory_code, name: grant.territory_name };
  return user.home_territory_code ? { code: user.home_territory_code, name: user.home_territory_name } : null;
}

/** A run still going, whose progress the page follows. */
export function isRunning(run: DuplicateRun | null | undefined): boolean {
  return run?.status === "running";
}
