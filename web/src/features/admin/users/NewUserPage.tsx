import { useState, type FormEvent } from "react";
import { usePageTitle } from "../../../components/usePageTitle";
import { Link, useNavigate } from "react-router-dom";
import { ApiError } from "../../../api/client";
import { createUser } from "../../../api/endpoints";
import type { Language, User } from "../../../api/types";
import { OneTimePasswordDialog } from "../../../components/OneTimePasswordDialog";
import { ErrorAlert, TextField, errorMessage, fieldError, formError } from "../../../components/forms";
import { useI18n } from "../../../i18n/i18n";
import { RolesEditor, followHome, newRoleRow, roleAssignments, type RoleRow } from "./RolesEditor";
import { TerritoryPicker, type PickedTerritory } from "./TerritoryPicker";
import { UserProfileFields } from "./UserFields";

const ROLE_ERRORS = new Set(["auth.unknown_role", "auth.forbidden", "territory.not_found"]);

export function NewUserPage() {
  const { t, language: uiLanguage } = useI18n();
  usePageTitle(t("users.newTitle"));
  const navigate = useNavigate();
  const [username, setUsername] = useState("");
  const [displayName, setDisplayName] = useState("");
  const [language, setLanguage] = useState<Language>(uiLanguage);
  const [home, setHome] = useState<PickedTerritory | null>(null);
  const [rows, setRows] = useState<RoleRow[]>([newRoleRow()]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [localError, setLocalError] = useState<{ field: string; message: string } | null>(null);
  const [created, setCreated] = useState<{ user: User; password: string } | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    setLocalError(null);
    if (!home) {
      setLocalError({ field: "home_territory_code", message: t("users.homeRequired") });
      return;
    }
    const roles = roleAssignments(rows);
    if (!roles || roles.length === 0) {
      setLocalError({ field: "roles", message: t("users.rolesIncomplete") });
      return;
    }
    setBusy(true);
    try {
      const result = await createUser({
        username: username.trim(),
        display_name: displayName.trim(),
        language,
        home_territory_code: home.code,
        roles,
      });
      if (result.one_time_password) setCreated({ user: result.user, password: result.one_time_password });
      else void navigate(`/admin/users/${encodeURIComponent(result.user.id)}`);
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }

  const local = (field: string) => (localError?.field === field ? localError.message : undefined);
  const rolesError =
    local("roles") ??
    (error instanceof ApiError && (error.field?.startsWith("roles") || (!error.field && ROLE_ERRORS.has(error.code)))
      ? errorMessage(error, t)
      : undefined);
  const shown = ["username", "display_name", "language", "home_territory_code"];

  return (
    <section className="page" aria-labelledby="new-user-title">
      <p>
        <Link to="/admin/users">{t("users.backToList")}</Link>
      </p>
      <h1 id="new-user-title">{t("users.newTitle")}</h1>
      <form onSubmit={(event) => void submit(event)} noValidate className="card">
        <ErrorAlert message={rolesError ? undefined : formError(error, shown, t)} />
        <div className="form-grid">
          <TextField
            label={t("users.username")}
            name="username"
            required
            autoCapitalize="none"
            spellCheck={false}
            hint={t("users.usernameHint")}
            value={username}
            onChange={(event) => setUsername(event.target.value)}
            error={fieldError(error, "username", t)}
          />
          <UserProfileFields
            displayName={displayName}
            onDisplayNameChange={setDisplayName}
            language={language}
            onLanguageChange={setLanguage}
            error={error}
          />
        </div>
        <TerritoryPicker
          legend={t("users.homeTerritory")}
          value={home}
          onChange={(picked) => {
            // Roles usually cover the home territory: rows without a territory of their own
            // (none yet, or the previous home) follow it, so it is not asked twice.
            setRows((previous) => followHome(previous, home, picked));
            setHome(picked);
          }}
          error={local("home_territory_code") ?? fieldError(error, "home_territory_code", t)}
        />
        <RolesEditor rows={rows} onChange={setRows} error={rolesError} defaultTerritory={home} />
        <button type="submit" disabled={busy || !username.trim() || !displayName.trim()}>
          {busy ? t("common.saving") : t("users.create")}
        </button>
      </form>
      {created ? (
        <OneTimePasswordDialog
          username={created.user.username}
          password={created.password}
          onClose={() => void navigate(`/admin/users/${encodeURIComponent(created.user.id)}`)}
        />
      ) : null}
    </section>
  );
}
