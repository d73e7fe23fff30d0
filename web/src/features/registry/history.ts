// Readable history of a person from their audit entries (GET /persons/{id}/history): each
// entry's detail `{"changes":{"field":{"from","to"}}}` (or, for a creation, the fields given in
// the same shape) becomes a list of field / before / after.
import type { AuditEntry } from "../../api/types";

export interface FieldChange {
  field: string;
  from: string | null;
  to: string | null;
  /** True for fields whose values are not recorded (notes: only that they changed). */
  hidden: boolean;
}

/** A stored scalar as text; anything else as its JSON, never "[object Object]". */
function plain(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean" || typeof value === "bigint") return String(value);
  return JSON.stringify(value) ?? "";
}

function valueText(value: unknown): string | null {
  if (value === null || value === undefined || value === "") return null;
  if (Array.isArray(value)) {
    if (value.length === 0) return null;
    return value
      .map((item) => {
        if (item && typeof item === "object") {
          const record = item as Record<string, unknown>;
          if ("scheme" in record) return `${plain(record.scheme)} ${plain(record.value ?? record.value_masked)}`.trim();
          if ("person_id" in record) return `${plain(record.person_id)} (${plain(record.relationship_to_head)})`;
        }
        return plain(item);
      })
      .join(", ");
  }
  return plain(value);
}

function isChange(value: unknown): value is { from?: unknown; to?: unknown } {
  return !!value && typeof value === "object" && !Array.isArray(value) && ("from" in value || "to" in value);
}

/** Shows one stored value in the user's terms (a label, a localised date); null: the default. */
export type ValueFormatter = (field: string, value: unknown) => string | null;

export function changesOf(entry: Pick<AuditEntry, "detail">, format?: ValueFormatter): FieldChange[] {
  const text = (field: string, value: unknown) => {
    if (value === null || value === undefined || value === "") return null;
    if (Array.isArray(value) && value.length === 0) return null;
    return format?.(field, value) ?? valueText(value);
  };
  const detail = entry.detail ?? {};
  const source =
    detail.changes && typeof detail.changes === "object" && !Array.isArray(detail.changes)
      ? (detail.changes as Record<string, unknown>)
      : detail;
  const changes: FieldChange[] = [];
  for (const [field, value] of Object.entries(source)) {
    if (isChange(value)) {
      changes.push({ field, from: text(field, value.from), to: text(field, value.to), hidden: false });
    } else if (field === "notes" || value === true || value === "changed") {
      changes.push({ field, from: null, to: null, hidden: true });
    }
  }
  return changes.sort((a, b) => fieldRank(a.field) - fieldRank(b.field) || a.field.localeCompare(b.field));
}

/** The person form's order of fields: a history entry lists its changes as the form shows them. */
export const FORM_ORDER = [
  "family_name",
  "given_name",
  "patronymic",
  "birth_date",
  "sex",
  "identifiers",
  "community_code",
  "settlement_code",
  "address",
  "phone",
  "languages",
  "disability_degree",
  "notes",
];

function fieldRank(field: string): number {
  const index = FORM_ORDER.indexOf(field);
  return index < 0 ? FORM_ORDER.length : index;
}
