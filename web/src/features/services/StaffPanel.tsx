import { useId, useState, type FormEvent } from "react";
import { listUsers } from "../../api/endpoints";
import { addProviderStaff, listProviderStaff, removeProviderStaff } from "../../api/services";
import type { Provider, StaffMember, User } from "../../api/types";
import { ErrorAlert, Notice, errorMessage } from "../../components/forms";
import { useRecord } from "../../components/useRecord";
import { formatDateTime } from "../../i18n/format";
import { useI18n } from "../../i18n/i18n";
import { useSession } from "../session/session";

/**
 * A provider's staff, kept by who manages the provider: the users with the provider_staff role
 * who see its services, the persons enrolled and the waiting list, count attendance and end or
 * suspend places. A user is found by name or username among those the manager may see.
 */
export function StaffPanel({ provider }: { provider: Provider }) {
  const { t, language } = useI18n();
  const { permissions } = useSession();
  const { record: loaded, setRecord: setStaff, loadError } = useRecord(provider.id, listProviderStaff, { resetOnChange: true });
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const members = loaded ?? [];

  async function change(run: () => Promise<StaffMember[]>, message: string) {
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
      setStaff(await run());
      setNotice(message);
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="staff-title">
      <h2 id="staff-title">{t("staff.title")}</h2>
      <p className="muted">{t("staff.explain")}</p>
      <Notice message={notice} />
      <ErrorAlert message={error ? errorMessage(error, t) : loadError ? errorMessage(loadError, t) : null} />
      {members.length === 0 ? (
        <p className="empty-note">{t("staff.empty")}</p>
      ) : (
        <div className="table-scroll">
          <table className="data-table stack-on-phone" data-testid="staff-table">
            <caption className="visually-hidden">{t("staff.caption", { provider: provider.name })}</caption>
            <thead>
              <tr>
                <th scope="col">{t("staff.col.name")}</th>
                <th scope="col">{t("staff.col.username")}</th>
                <th scope="col">{t("staff.col.added")}</th>
                <th scope="col">{t("services.col.actions")}</th>
              </tr>
            </thead>
            <tbody>
              {members.map((m) => (
                <tr key={m.user.id}>
                  <td>{m.user.display_name}</td>
                  <td>{m.username}</td>
                  <td>{t("staff.addedBy", { date: formatDateTime(m.added_at, language), name: m.added_by.display_name })}</td>
                  <td>
                    <button
                      type="button"
                      className="button-secondary"
                      disabled={busy}
                      aria-label={t("staff.removeNamed", { name: m.user.display_name })}
                      onClick={() =>
                        void change(
                          () => removeProviderStaff(provider.id, m.user.id),
                          t("staff.removed", { name: m.user.display_name }),
                        )
                      }
                    >
                      {t("staff.remove")}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {permissions.has("user.read") ? (
        <StaffFinder
          members={members}
          busy={busy}
          onAdd={(user) =>
            void change(() => addProviderStaff(provider.id, user.id), t("staff.added", { name: user.display_name }))
          }
        />
      ) : null}
    </section>
  );
}

/** Finds users holding the provider_staff role by name or username, each with "Add". */
function StaffFinder({ members, busy, onAdd }: { members: readonly StaffMember[]; busy: boolean; onAdd: (user: User) => void }) {
  const { t } = useI18n();
  const inputId = useId();
  const [query, setQuery] = useState("");
  const [found, setFound] = useState<User[] | null>(null);
  const [error, setError] = useState<unknown>(null);

  async function search(event: FormEvent) {
    event.preventDefault();
    setError(null);
    try {
      const page = await listUsers({ q: query.trim(), limit: 50 });
      setFound(page.items.filter((u) => u.active && u.roles.some((r) => r.role === "provider_staff")));
    } catch (caught) {
      setError(caught);
      setFound(null);
    }
  }

  return (
    <form className="staff-finder" onSubmit={(e) => void search(e)} role="search" aria-label={t("staff.findLabel")}>
      <label htmlFor={inputId}>{t("staff.find")}</label>
      <div className="inline-field">
        <input id={inputId} type="search" value={query} onChange={(e) => setQuery(e.target.value)} />
        <button type="submit" className="button-secondary">
          {t("staff.search")}
        </button>
      </div>
      <ErrorAlert message={error ? errorMessage(error, t) : null} />
      {found === null ? null : found.length === 0 ? (
        <p className="empty-note" role="status">
          {t("staff.noneFound")}
        </p>
      ) : (
        <ul className="staff-found" aria-label={t("staff.foundLabel")}>
          {found.map((user) => {
            const member = members.some((m) => m.user.id === user.id);
            return (
              <li key={user.id}>
                <span>
                  {user.display_name} <span className="muted">({user.username})</span>
                </span>{" "}
                {member ? (
                  <span className="muted">{t("staff.alreadyMember")}</span>
                ) : (
                  <button
                    type="button"
                    disabled={busy}
                    aria-label={t("staff.addNamed", { name: user.display_name })}
                    onClick={() => onAdd(user)}
                  >
                    {t("staff.add")}
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </form>
  );
}
