import { useState, type FormEvent } from "react";
import { usePageTitle } from "../../../components/usePageTitle";
import { Link, useParams } from "react-router-dom";
import { ApiError } from "../../../api/client";
import { getUser, resetPassword, updateUser } from "../../../api/endpoints";
import type { Language, User } from "../../../api/types";
import { OneTimePasswordDialog } from "../../../components/OneTimePasswordDialog";
import {
  ErrorAlert,
  Notice,
  StaleVersionAlert,
  errorMessage,
  formError,
  isStaleVersion,
} from "../../../components/forms";
import { useRecord } from "../../../components/useRecord";
import { formatDateTime } from "../../../i18n/format";
import { useI18n } from "../../../i18n/i18n";
import { useSession } from "../../session/session";
import { RolesEditor, newRoleRow, roleAssignments, type RoleRow } from "./RolesEditor";
import { RoleName } from "./RoleName";
import { TerritoryName } from "../../../components/TerritoryName";
import { UserStatus } from "./UsersPage";
import { UserProfileFields } from "./UserFields";

export function UserDetailPage() {
  const { t } = useI18n();
  usePageTitle(t("users.title"));
  const { id = "" } = useParams();
  const { record: user, setRecord: setUser, loadError, reload: load } = useRecord(id, getUser);
  const [notice, setNotice] = useState<string | null>(null);

  return (
    <section className="page" aria-labelledby="user-title">
      <p>
        <Link to="/admin/users">{t("users.backToList")}</Link>
      </p>
      <ErrorAlert message={loadError ? errorMessage(loadError, t) : null} />
      <Notice message={notice} />
      {user ? (
        <UserEditor
          key={`${user.id}:${user.version}`}
          user={user}
          onChanged={(saved) => {
            setUser(saved);
            setNotice(t("users.saved", { name: saved.display_name }));
          }}
          onNotice={setNotice}
          onReload={() => {
            setNotice(null);
            void load();
          }}
        />
      ) : null}
    </section>
  );
}

function UserEditor({
  user,
  onChanged,
  onNotice,
  onReload,
}: {
  user: User;
  onChanged: (user: User) => void;
  onNotice: (message: string | null) => void;
  onReload: () => void;
}) {
  const { t, language: uiLanguage } = useI18n();
  const { permissions } = useSession();
  const canWrite = permissions.has("user.write");
  const [displayName, setDisplayName] = useState(user.display_name);
  const [language, setLanguage] = useState<Language>(user.language);
  const [active, setActive] = useState(user.active);
  const [rows, setRows] = useState<RoleRow[]>(() =>
    user.roles.map((r) => newRoleRow(r.role, { code: r.territory_code, name: r.territory_name })),
  );
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [rolesError, setRolesError] = useState<string | undefined>();
  const [confirmReset, setConfirmReset] = useState(false);
  const [oneTimePassword, setOneTimePassword] = useState<string | null>(null);
  const stale = isStaleVersion(error);

  async function save(event: FormEvent) {
    event.preventDefault();
    setError(null);
    setRolesError(undefined);
    onNotice(null);
    const roles = roleAssignments(rows);
    if (!roles || roles.length === 0) {
      setRolesError(t("users.rolesIncomplete"));
      return;
    }
    setBusy(true);
    try {
      const saved = await updateUser(user.id, user.version, {
        display_name: displayName.trim(),
        language,
        active,
        roles,
      });
      onChanged(saved);
    } catch (caught) {
      setError(caught);
      if (caught instanceof ApiError && caught.field?.startsWith("roles")) setRolesError(errorMessage(caught, t));
    } finally {
      setBusy(false);
    }
  }

  async function unlock() {
    setError(null);
    setBusy(true);
    try {
      onChanged(await updateUser(user.id, user.version, { unlock: true }));
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }

  async function reset() {
    setError(null);
    setBusy(true);
    try {
      setOneTimePassword(await resetPassword(user.id));
      setConfirmReset(false);
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <h1 id="user-title">{user.display_name}</h1>
      <dl className="summary">
        <div>
          <dt>{t("users.username")}</dt>
          <dd>
            <code>{user.username}</code>
          </dd>
        </div>
        <div>
          <dt>{t("users.homeTerritory")}</dt>
          <dd>
            {TerritoryName.text({ code: user.home_territory_code, name: user.home_territory_name }, t)}
          </dd>
        </div>
        <div>
          <dt>{t("users.status")}</dt>
          <dd>
            <UserStatus user={user} />
          </dd>
        </div>
        <div>
          <dt>{t("users.createdAt")}</dt>
          <dd>{formatDateTime(user.created_at, uiLanguage)}</dd>
        </div>
        <div>
          <dt>{t("users.lastLogin")}</dt>
          <dd>{user.last_login_at ? formatDateTime(user.last_login_at, uiLanguage) : t("users.never")}</dd>
        </div>
      </dl>
      {stale ? (
        <StaleVersionAlert message={t("users.staleVersion")} onReload={onReload} />
      ) : (
        <ErrorAlert message={rolesError ? undefined : formError(error, ["display_name", "language", "active"], t)} />
      )}
      {canWrite ? (
        <>
          <div className="actions">
            {user.locked ? (
              <button type="button" className="button-secondary" onClick={() => void unlock()} disabled={busy}>
                {t("users.unlock")}
              </button>
            ) : null}
            {confirmReset ? (
              <span className="confirm">
                <span>{t("users.resetConfirm")}</span>
                <button type="button" onClick={() => void reset()} disabled={busy}>
                  {t("users.resetConfirmYes")}
                </button>
                <button type="button" className="button-secondary" onClick={() => setConfirmReset(false)}>
                  {t("common.cancel")}
                </button>
              </span>
            ) : (
              <button type="button" className="button-secondary" onClick={() => setConfirmReset(true)} disabled={busy}>
                {t("users.resetPassword")}
              </button>
            )}
          </div>
          <form onSubmit={(event) => void save(event)} noValidate className="card" aria-labelledby="edit-user-title">
            <h2 id="edit-user-title">{t("users.editTitle")}</h2>
            <div className="form-grid">
              <UserProfileFields
                displayName={displayName}
                onDisplayNameChange={setDisplayName}
                language={language}
                onLanguageChange={setLanguage}
                error={error}
              />
              <div className="field checkbox-field">
                <input id="user-active" type="checkbox" checked={active} onChange={(e) => setActive(e.target.checked)} />
                <label htmlFor="user-active">{t("users.active")}</label>
              </div>
            </div>
            <RolesEditor rows={rows} onChange={setRows} error={rolesError} />
            <button type="submit" disabled={busy || !displayName.trim()}>
              {busy ? t("common.saving") : t("common.save")}
            </button>
          </form>
        </>
      ) : (
        <ul className="role-list">
          {user.roles.map((r) => (
            <li key={`${r.role}@${r.territory_code}`}>
              {t("users.roleAt", {
                role: RoleName.text(r.role, t),
                territory: TerritoryName.text({ code: r.territory_code, name: r.territory_name }, t),
              })}
            </li>
          ))}
        </ul>
      )}
      {oneTimePassword ? (
        <OneTimePasswordDialog
          username={user.username}
          password={oneTimePassword}
          onClose={() => {
            setOneTimePassword(null);
            onReload();
            onNotice(t("users.resetDone"));
          }}
        />
      ) : null}
    </>
  );
}
