// Which value of each field survives a merge: the rows the review page compares, the value it
// proposes for each, and the `take_from_merged` list of POST /merges (docs/dedup-api.md).
import type { DuplicatePerson, IdentifierScheme } from "../../api/types";

/** A field the merge can take from either record, as `take_from_merged` names it. */
export type MergeField =
  | "given_name"
  | "family_name"
  | "patronymic"
  | "birth_date"
  | "sex"
  | "settlement"
  | "address"
  | "phone"
  | "languages"
  | "disability_degree"
  | "notes"
  | `identifier:${IdentifierScheme}`;

/** One of the two records of a pair: `a` the older, `b` the newer. */
export type Side = "a" | "b";

/** The fields of a person a merge compares: a whole record, without what is attached to it. */
export type MergePerson = Pick<
  DuplicatePerson,
  | "given_name"
  | "family_name"
  | "patronymic"
  | "birth_date"
  | "sex"
  | "community_code"
  | "settlement_code"
  | "address"
  | "phone"
  | "languages"
  | "disability_degree"
  | "notes"
  | "identifiers"
>;

export interface FieldRow {
  field: MergeField;
  /** The field's value in each record, in a form that compares ("" when the record has none). */
  a: string;
  b: string;
  /** Both records hold the same value (or neither holds one): nothing to choose. */
  same: boolean;
  /**
   * The choice is the merge's to make. False for an identifier only one record holds: the
   * survivor keeps its own, and one only the merged record holds moves to it.
   */
  choosable: boolean;
}

const PLAIN_FIELDS = [
  "given_name",
  "family_name",
  "patronymic",
  "birth_date",
  "sex",
  "settlement",
  "address",
  "phone",
  "languages",
  "disability_degree",
  "notes",
] as const;

/** The value of one field of a record in a form that compares; "" for none. */
export function valueOf(person: MergePerson, field: MergeField): string {
  if (field.startsWith("identifier:")) {
    const scheme = field.slice("identifier:".length);
    return person.identifiers.find((identifier) => identifier.scheme === scheme)?.value ?? "";
  }
  switch (field) {
    case "settlement":
      // Community and settlement go together.
      return `${person.community_code}|${person.settlement_code ?? ""}`;
    case "languages":
      return [...person.languages].sort().join(",");
    default: {
      const value = person[field as Exclude<(typeof PLAIN_FIELDS)[number], "settlement" | "languages">];
      return typeof value === "string" ? value.trim() : "";
    }
  }
}

/** The rows of the comparison: the fields in the form's order, then each identifier scheme either holds. */
export function fieldRows(a: MergePerson, b: MergePerson): FieldRow[] {
  const schemes: IdentifierScheme[] = [];
  for (const identifier of [...a.identifiers, ...b.identifiers]) {
    if (!schemes.includes(identifier.scheme)) schemes.push(identifier.scheme);
  }
  const fields: MergeField[] = [...PLAIN_FIELDS, ...schemes.map((scheme) => `identifier:${scheme}` as const)];
  return fields.map((field) => {
    const va = valueOf(a, field);
    const vb = valueOf(b, field);
    const same = va === vb;
    const identifier = field.startsWith("identifier:");
    return { field, a: va, b: vb, same, choosable: !same && (!identifier || (va !== "" && vb !== "")) };
  });
}

/**
 * A row the reviewer must choose explicitly: two different identifiers of one scheme (the server
 * refuses to pick one, 409 merge.identifier_conflict), or a field the server named.
 */
export function needsChoice(row: FieldRow, required: readonly MergeField[] = []): boolean {
  return row.choosable && (row.field.startsWith("identifier:") || required.includes(row.field));
}

/** The value proposed for a row: the survivor's, or the other record's when the survivor has none. */
export function defaultChoice(row: FieldRow, survivor: Side): Side {
  const other: Side = survivor === "a" ? "b" : "a";
  return row[survivor] === "" && row[other] !== "" ? other : survivor;
}

/** Choices the reviewer made; a row without one takes its default. */
export type Choices = Partial<Record<MergeField, Side>>;

/** The record whose value of the row survives; null for a row that needs a choice not yet made. */
export function chosenSide(row: FieldRow, survivor: Side, choices: Choices): Side | null {
  if (!row.choosable) return survivor;
  return choices[row.field] ?? (needsChoice(row) ? null : defaultChoice(row, survivor));
}

/** `take_from_merged` of POST /merges: the choosable rows whose chosen value is the merged record's. */
export function takeFromMerged(rows: readonly FieldRow[], survivor: Side, choices: Choices): MergeField[] {
  const merged: Side = survivor === "a" ? "b" : "a";
  return rows.filter((row) => row.choosable && chosenSide(row, survivor, choices) === merged).map((row) => row.field);
}

/**
 * `keep_from_survivor` of POST /merges: the identifier rows where both records differ and the
 * survivor's was chosen.
 */
export function keepFromSurvivor(rows: readonly FieldRow[], survivor: Side, choices: Choices): MergeField[] {
  return rows
    .filter((row) => needsChoice(row) && chosenSide(row, survivor, choices) === survivor)
    .map((row) => row.field);
}

/** The rows that need a choice the reviewer has not made yet. */
export function missingChoices(rows: readonly FieldRow[], required: readonly MergeField[], choices: Choices): MergeField[] {
  return rows.filter((row) => needsChoice(row, required) && !choices[row.field]).map((row) => row.field);
}
