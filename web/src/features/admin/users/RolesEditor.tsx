import { SelectField } from "../../../components/forms";
import { useI18n } from "../../../i18n/i18n";
import { useSession } from "../../session/session";
import { RoleName } from "./RoleName";
import { TerritoryPicker, type PickedTerritory } from "./TerritoryPicker";

export interface RoleRow {
  key: number;
  role: string;
  territory: PickedTerritory | null;
}

let nextKey = 1;
export function newRoleRow(role = "", territory: PickedTerritory | null = null): RoleRow {
  return { key: nextKey++, role, territory };
}

/** Rows ready for the API, or null if a row is incomplete. */
export function roleAssignments(rows: RoleRow[]): { role: string; territory_code: string }[] | null {
  if (rows.some((row) => !row.role || !row.territory)) return null;
  return rows.map((row) => ({ role: row.role, territory_code: row.territory!.code }));
}

/**
 * The rows after the home territory changed from `before` to `after`: a row whose territory is
 * unset or was the old home takes the new one; rows given another territory keep it.
 */
export function followHome(rows: RoleRow[], before: PickedTerritory | null, after: PickedTerritory | null): RoleRow[] {
  return rows.map((row) =>
    !row.territory || (before && row.territory.code === before.code) ? { ...row, territory: after } : row,
  );
}

/**
 * One or more role assignments, each a role over a territory subtree. A new row starts over
 * `defaultTerritory` (the user's home territory), which most roles cover.
 */
export function RolesEditor({
  rows,
  onChange,
  error,
  defaultTerritory = null,
}: {
  rows: RoleRow[];
  onChange: (rows: RoleRow[]) => void;
  error?: string;
  defaultTerritory?: PickedTerritory | null;
}) {
  const { t } = useI18n();
  const { roles } = useSession();
  const catalogue = roles.map((entry) => entry.role);

  function update(key: number, change: Partial<RoleRow>) {
    onChange(rows.map((row) => (row.key === key ? { ...row, ...change } : row)));
  }

  return (
    <fieldset className="roles-editor">
      <legend>{t("users.roles")}</legend>
      {error ? (
        <p className="field-error" role="alert">
          {error}
        </p>
      ) : null}
      {rows.length === 0 ? <p className="muted">{t("users.noRoles")}</p> : null}
      <ol className="role-rows">
        {rows.map((row, index) => (
          <li key={row.key} className="role-row">
            <SelectField
              label={t("users.roleN", { n: index + 1 })}
              value={row.role}
              onChange={(event) => update(row.key, { role: event.target.value })}
            >
              <option value="">{t("users.chooseRole")}</option>
              {catalogue.map((role) => (
                <option key={role} value={role}>
                  {RoleName.text(role, t)}
                </option>
              ))}
            </SelectField>
            <TerritoryPicker
              legend={t("users.roleTerritoryN", { n: index + 1 })}
              value={row.territory}
              onChange={(territory) => update(row.key, { territory })}
            />
            <button
              type="button"
              className="button-secondary"
              onClick={() => onChange(rows.filter((other) => other.key !== row.key))}
            >
              {t("users.removeRole", { n: index + 1 })}
            </button>
          </li>
        ))}
      </ol>
      <button type="button" className="button-secondary" onClick={() => onChange([...rows, newRoleRow("", defaultTerritory)])}>
        {t("users.addRole")}
      </button>
    </fieldset>
  );
}
