// The two records of a pair side by side, one row per field; where they differ, a radio in each
// cell chooses which value the surviving record keeps.
import { useId, type ReactNode } from "react";
import type { DuplicatePerson } from "../../api/types";
import { useI18n, type Translate } from "../../i18n/i18n";
import type { Language } from "../../api/types";
import { Labels, formatBirthDate, languageName } from "../registry/labels";
import { DuplicateLabels } from "./labels";
import { chosenSide, type Choices, type FieldRow, type MergeField, type Side } from "./mergeChoices";

/** A field's value as the reviewer reads it; "" when the record has none. */
export function shownValue(person: DuplicatePerson, field: MergeField, t: Translate, language: Language): string {
  if (field.startsWith("identifier:")) {
    const scheme = field.slice("identifier:".length);
    return person.identifiers.find((identifier) => identifier.scheme === scheme)?.value ?? "";
  }
  switch (field) {
    case "birth_date":
      return formatBirthDate(person.birth_date, language);
    case "sex":
      return Labels.sex(person.sex, t);
    case "settlement":
      return [person.settlement_name, person.community_name].filter(Boolean).join(", ");
    case "languages":
      return person.languages.map((code) => languageName(code, language, t)).join(", ");
    case "disability_degree":
      return Labels.disability(person.disability_degree, t);
    default: {
      const value = person[field as "given_name" | "family_name" | "patronymic" | "address" | "phone" | "notes"];
      return value ?? "";
    }
  }
}

export function ComparisonTable({
  a,
  b,
  rows,
  survivor,
  choices,
  onChoose,
  required,
  showErrors,
  readOnly,
}: {
  a: DuplicatePerson;
  b: DuplicatePerson;
  rows: readonly FieldRow[];
  survivor: Side;
  choices: Choices;
  onChoose: (field: MergeField, side: Side) => void;
  /** Rows that must be chosen explicitly and are not yet. */
  required: readonly MergeField[];
  /** A merge was tried with rows still to choose: they show as errors. */
  showErrors: boolean;
  readOnly: boolean;
}) {
  const { t, language } = useI18n();
  const captionId = useId();
  const records = { a, b };

  function cell(row: FieldRow, side: Side, rowId: string): ReactNode {
    const text = shownValue(records[side], row.field, t, language);
    const shown = text ? <span className={row.field === "notes" ? "pre-line" : undefined}>{text}</span> : (
      <span className="muted">{t("registry.notGiven")}</span>
    );
    if (readOnly || !row.choosable) return shown;
    const invalid = showErrors && required.includes(row.field);
    const checked = chosenSide(row, survivor, choices) === side;
    return (
      <label className="merge-choice">
        <input
          type="radio"
          name={`choose-${row.field}`}
          value={side}
          checked={checked}
          onChange={() => onChoose(row.field, side)}
          aria-invalid={invalid || undefined}
          aria-describedby={required.includes(row.field) ? `${rowId}-choose` : undefined}
        />{" "}
        <span className="visually-hidden">{DuplicateLabels.mergeField(row.field, t)}: </span>
        {shown}
      </label>
    );
  }

  return (
    <div className="table-scroll">
      <table className="data-table merge-table" aria-labelledby={captionId}>
        <caption id={captionId}>{t("duplicates.compare.caption")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("duplicates.compare.field")}</th>
            <th scope="col">
              {t("duplicates.compare.older")}
              {survivor === "a" ? <span className="badge badge-exact">{t("duplicates.compare.stays")}</span> : null}
            </th>
            <th scope="col">
              {t("duplicates.compare.newer")}
              {survivor === "b" ? <span className="badge badge-exact">{t("duplicates.compare.stays")}</span> : null}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const rowId = `${captionId}-${row.field.replace(/[^a-zA-Z0-9_-]/g, "-")}`;
            const missing = required.includes(row.field);
            const invalid = showErrors && missing;
            return (
              <tr key={row.field} className={row.same ? "merge-row-same" : invalid ? "merge-row-missing" : undefined}>
                <th scope="row">
                  {DuplicateLabels.mergeField(row.field, t)}
                  {missing ? (
                    <p className={invalid ? "field-error" : "field-hint"} id={`${rowId}-choose`}>
                      {t("duplicates.compare.chooseIdentifier")}
                    </p>
                  ) : null}
                  {!row.same && !row.choosable && !readOnly ? (
                    <p className="muted merge-row-note">{t("duplicates.compare.identifierKept")}</p>
                  ) : null}
                </th>
                <td>{cell(row, "a", rowId)}</td>
                <td>{cell(row, "b", rowId)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
