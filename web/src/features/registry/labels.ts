// Message keys of the registry's enumerations, so each value is shown in the user's language.
import type { DwellingType, ImportStatus, IncomeBand, PersonMatch, Relationship } from "../../api/types";
import type { MessageKey, Translate } from "../../i18n/i18n";
import { isMessageKey } from "../../i18n/i18n";
import type { Language } from "../../api/types";
import { formatCalendarDate, intlLocale } from "../../i18n/format";

const MATCH: Record<PersonMatch, MessageKey> = {
  identifier: "registry.match.identifier",
  exact: "registry.match.exact",
  prefix: "registry.match.prefix",
  fuzzy: "registry.match.fuzzy",
  list: "registry.match.list",
};

const SEX: Record<string, MessageKey> = { female: "registry.sex.female", male: "registry.sex.male" };

const DISABILITY: Record<string, MessageKey> = {
  mild: "registry.disability.mild",
  moderate: "registry.disability.moderate",
  severe: "registry.disability.severe",
  profound: "registry.disability.profound",
};

export const DWELLING_TYPES: readonly DwellingType[] = [
  "house",
  "apartment",
  "social_housing",
  "institution",
  "informal",
  "homeless",
  "other",
];
const DWELLING: Record<DwellingType, MessageKey> = {
  house: "registry.dwelling.house",
  apartment: "registry.dwelling.apartment",
  social_housing: "registry.dwelling.social_housing",
  institution: "registry.dwelling.institution",
  informal: "registry.dwelling.informal",
  homeless: "registry.dwelling.homeless",
  other: "registry.dwelling.other",
};

export const INCOME_BANDS: readonly IncomeBand[] = ["none", "very_low", "low", "medium", "high"];
const INCOME: Record<IncomeBand, MessageKey> = {
  none: "registry.income.none",
  very_low: "registry.income.very_low",
  low: "registry.income.low",
  medium: "registry.income.medium",
  high: "registry.income.high",
};

export const RELATIONSHIPS: readonly Relationship[] = [
  "head",
  "spouse",
  "partner",
  "child",
  "parent",
  "sibling",
  "grandchild",
  "grandparent",
  "other_relative",
  "non_relative",
];
const RELATIONSHIP: Record<Relationship, MessageKey> = {
  head: "registry.relationship.head",
  spouse: "registry.relationship.spouse",
  partner: "registry.relationship.partner",
  child: "registry.relationship.child",
  parent: "registry.relationship.parent",
  sibling: "registry.relationship.sibling",
  grandchild: "registry.relationship.grandchild",
  grandparent: "registry.relationship.grandparent",
  other_relative: "registry.relationship.other_relative",
  non_relative: "registry.relationship.non_relative",
};

const IMPORT_STATUS: Record<ImportStatus, MessageKey> = {
  uploading: "import.status.uploading",
  queued: "import.status.queued",
  validating: "import.status.validating",
  writing: "import.status.writing",
  done: "import.status.done",
  failed: "import.status.failed",
  cancelled: "import.status.cancelled",
};

/** Labels of the person's fields, also used to name the fields in the history. */
const FIELD: Record<string, MessageKey> = {
  given_name: "registry.field.given_name",
  family_name: "registry.field.family_name",
  patronymic: "registry.field.patronymic",
  birth_date: "registry.field.birth_date",
  sex: "registry.field.sex",
  identifiers: "registry.field.identifiers",
  community_code: "registry.field.community",
  settlement_code: "registry.field.settlement",
  address: "registry.field.address",
  phone: "registry.field.phone",
  languages: "registry.field.languages",
  disability_degree: "registry.field.disability_degree",
  notes: "registry.field.notes",
  household_id: "registry.field.household",
  dwelling_type: "registry.field.dwelling_type",
  income_band: "registry.field.income_band",
  members: "registry.field.members",
};

const label = (table: Record<string, MessageKey>, value: string | null | undefined, t: Translate) =>
  value ? (table[value] ? t(table[value]) : value) : "";

export const Labels = {
  match: (value: PersonMatch, t: Translate) => label(MATCH, value, t),
  sex: (value: string | null | undefined, t: Translate) => label(SEX, value, t),
  disability: (value: string | null | undefined, t: Translate) => label(DISABILITY, value, t),
  dwelling: (value: string | null | undefined, t: Translate) => label(DWELLING, value, t),
  income: (value: string | null | undefined, t: Translate) => label(INCOME, value, t),
  relationship: (value: string | null | undefined, t: Translate) => label(RELATIONSHIP, value, t),
  importStatus: (value: ImportStatus, t: Translate) => label(IMPORT_STATUS, value, t),
  field: (value: string, t: Translate) => label(FIELD, value, t),
};

/** A person's name as the registry lists it: family name first. */
export function fullName(person: { family_name: string; given_name: string; patronymic?: string | null }): string {
  return [person.family_name, person.given_name, person.patronymic].filter(Boolean).join(" ");
}

/** A birth date in the user's numeric date form ("07.03.1984"). */
export function formatBirthDate(date: string | null | undefined, language: Language): string {
  return formatCalendarDate(date, language);
}

/** The name of a language code in the user's language ("uk" → "Ukrainian"), else the code.
 * The languages the person form offers come from the catalogue: a browser may lack a locale's
 * display names (Chromium has none for Macedonian) and would answer in English. */
export function languageName(code: string, language: Language, t?: Translate): string {
  const key = `registry.spokenLanguage.${code}`;
  if (t && isMessageKey(key)) return t(key);
  try {
    const name = new Intl.DisplayNames([intlLocale(language)], { type: "language" }).of(code);
    if (name && name !== code) return name.charAt(0).toLocaleUpperCase(language) + name.slice(1);
  } catch {
    // An unknown code: show it as is.
  }
  return code;
}
