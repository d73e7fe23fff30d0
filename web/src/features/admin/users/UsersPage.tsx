import { useState, type FormEvent } from "react";
import { usePageTitle } from "../../../components/usePageTitle";
import { Link, useSearchParams } from "react-router-dom";
import { listUsers } from "../../../api/endpoints";
import type { User } from "../../../api/types";
import { ErrorAlert, LoadMore, TextField, errorMessage } from "../../../components/forms";
import { useCursorList } from "../../../components/useCursorList";
import { useI18n } from "../../../i18n/i18n";
import { useSession } from "../../session/session";
import { RoleName } from "./RoleName";
import { TerritoryName } from "../../../components/TerritoryName";

const PAGE_SIZE = 50;

export function UserStatus({ user }: { user: User }) {
  const { t } = useI18n();
  const tags: string[] = [];
  tags.push(user.active ? t("users.statusActive") : t("users.statusInactive"));
  if (user.locked) tags.push(t("users.statusLocked"));
  if (user.must_change_password) tags.push(t("users.statusMustChange"));
  return (
    <span className="tags">
      {tags.map((tag) => (
        <span key={tag} className="tag">
          {tag}
        </span>
      ))}
    </span>
  );
}

export function UsersPage() {
  const { t } = useI18n();
  usePageTitle(t("users.title"));
  const { permissions } = useSession();
  const [params, setParams] = useSearchParams();
  const query = params.get("q") ?? "";
  const [search, setSearch] = useState(query);
  const { items, cursor, busy, loaded, error, loadMore } = useCursorList<User>(
    (cursor) => listUsers({ q: query || undefined, limit: PAGE_SIZE, ...(cursor ? { cursor } : {}) }),
    [query],
  );

  function submit(event: FormEvent) {
    event.preventDefault();
    setParams(search.trim() ? { q: search.trim() } : {});
  }

  return (
    <section className="page" aria-labelledby="users-title">
      <div className="page-header">
        <h1 id="users-title">{t("users.title")}</h1>
        {permissions.has("user.write") ? (
          <Link className="button" to="/admin/users/new">
            {t("users.new")}
          </Link>
        ) : null}
      </div>
      <form className="search-bar" role="search" onSubmit={submit}>
        <TextField
          label={t("users.search")}
          type="search"
          name="q"
          value={search}
          onChange={(event) => setSearch(event.target.value)}
        />
        <button type="submit">{t("common.search")}</button>
      </form>
      <ErrorAlert message={error ? errorMessage(error, t) : null} />
      <p className="muted" role="status">
        {loaded ? t("users.shown", { count: items.length }) : ""}
      </p>
      {items.length > 0 ? (
        <div className="table-scroll">
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">{t("users.username")}</th>
                <th scope="col">{t("users.displayName")}</th>
                <th scope="col">{t("users.homeTerritory")}</th>
                <th scope="col">{t("users.roles")}</th>
                <th scope="col">{t("users.status")}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((user) => (
                <tr key={user.id}>
                  <td>
                    <Link to={`/admin/users/${encodeURIComponent(user.id)}`}>{user.username}</Link>
                  </td>
                  <td>{user.display_name}</td>
                  <td>
                    {TerritoryName.text({ code: user.home_territory_code, name: user.home_territory_name }, t)}
                  </td>
                  <td>
                    {user.roles
                      .map((assignment) =>
                        t("users.roleAt", {
                          role: RoleName.text(assignment.role, t),
                          territory: TerritoryName.text(
                            { code: assignment.territory_code, name: assignment.territory_name },
                            t,
                          ),
                        }),
                      )
                      .join("; ")}
                  </td>
                  <td>
                    <UserStatus user={user} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {cursor ? <LoadMore onClick={loadMore} busy={busy} /> : null}
    </section>
  );
}
