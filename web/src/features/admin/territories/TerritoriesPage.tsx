import { useCallback, useState, type FormEvent } from "react";
import { usePageTitle } from "../../../components/usePageTitle";
import { Link, useSearchParams } from "react-router-dom";
import { ApiError } from "../../../api/client";
import { createTerritory, getTerritory, listTerritories, updateTerritory } from "../../../api/endpoints";
import type { Territory, TerritoryLevel, TerritoryList } from "../../../api/types";
import {
  ErrorAlert,
  LoadMore,
  Notice,
  SelectField,
  StaleVersionAlert,
  TextField,
  errorMessage,
  fieldError,
  formError,
  isStaleVersion,
} from "../../../components/forms";
import { TerritoryName } from "../../../components/TerritoryName";
import { useCursorList } from "../../../components/useCursorList";
import { useFocusOnMessage } from "../../../components/useFocusOnMessage";
import { useI18n, type MessageKey } from "../../../i18n/i18n";
import { useSession } from "../../session/session";
import { ancestorsOf, childLevels, codePrefix } from "./levels";

const PAGE_SIZE = 50;

type TerritoryPage = TerritoryList & { here?: Territory | null; chain?: Territory[] };

export function levelKey(level: TerritoryLevel): MessageKey {
  return `level.${level}` as MessageKey;
}

/** Browse the territory tree from the top of the caller's scope; create and rename territories. */
export function TerritoriesPage() {
  const { t } = useI18n();
  usePageTitle(t("territories.title"));
  const { permissions } = useSession();
  const [params, setParams] = useSearchParams();
  const parent = params.get("parent");
  const query = params.get("q") ?? "";
  const [search, setSearch] = useState(query);
  const [current, setCurrent] = useState<Territory | null>(null);
  const [trail, setTrail] = useState<Territory[]>([]);
  const [notice, setNotice] = useState<string | null>(null);
  const [reloadToken, setReloadToken] = useState(0);
  const [total, setTotal] = useState(0);
  const noticeRef = useFocusOnMessage<HTMLDivElement>(notice);
  const canWrite = permissions.has("territory.write");

  // The search box follows the URL (back, forward, a breadcrumb), in the same render.
  const [searchedFor, setSearchedFor] = useState(query);
  if (searchedFor !== query) {
    setSearchedFor(query);
    setSearch(query);
  }

  // The first page of a level also brings the territory itself and its ancestors (the breadcrumbs).
  const { items, cursor, busy, error, loadMore } = useCursorList<Territory, TerritoryPage>(
    async (cursor) => {
      const more = cursor ? { cursor } : {};
      const list = () =>
        listTerritories(query ? { q: query, limit: PAGE_SIZE, ...more } : { parent: parent ?? "root", limit: PAGE_SIZE, ...more });
      if (cursor) return list();
      let here: Territory | null = null;
      let chain: Territory[] = [];
      if (parent && !query) {
        here = await getTerritory(parent);
        chain = await ancestorsOf(here, getTerritory);
      }
      return { ...(await list()), here, chain };
    },
    [parent, query, reloadToken],
    {
      clearOnError: true,
      onFirstPage: (page) => {
        setTotal(page.total);
        setCurrent(page.here ?? null);
        setTrail(page.chain ?? []);
      },
    },
  );

  function submitSearch(event: FormEvent) {
    event.preventDefault();
    const next = new URLSearchParams();
    if (search.trim()) next.set("q", search.trim());
    else if (parent) next.set("parent", parent);
    setParams(next);
  }

  const reload = useCallback(() => setReloadToken((n) => n + 1), []);

  return (
    <section className="page" aria-labelledby="territories-title">
      <h1 id="territories-title">{t("territories.title")}</h1>
      <nav aria-label={t("territories.breadcrumbs")} className="breadcrumbs">
        <ol>
          <li>
            {parent || query ? <Link to="/admin/territories">{t("territories.top")}</Link> : <span aria-current="page">{t("territories.top")}</span>}
          </li>
          {trail.map((ancestor) => (
            <li key={ancestor.code}>
              <Link to={`/admin/territories?parent=${encodeURIComponent(ancestor.code)}`}>{ancestor.name}</Link>
            </li>
          ))}
          {current ? (
            <li>
              <span aria-current="page">{current.name}</span>
            </li>
          ) : null}
        </ol>
      </nav>

      <form className="search-bar" role="search" onSubmit={submitSearch}>
        <TextField
          label={t("territories.search")}
          type="search"
          name="q"
          value={search}
          onChange={(event) => setSearch(event.target.value)}
          hint={t("territories.searchHint")}
        />
        <button type="submit">{t("common.search")}</button>
      </form>

      <div ref={noticeRef} tabIndex={-1} className="focus-target">
        <Notice message={notice} />
      </div>
      <ErrorAlert message={error ? errorMessage(error, t) : null} />

      {current ? (
        <TerritorySummary
          key={`${current.code}:${current.version}`}
          territory={current}
          canWrite={canWrite}
          onSaved={(saved) => {
            setCurrent(saved);
            setNotice(t("territories.saved", { name: saved.name }));
          }}
          onReload={reload}
        />
      ) : null}

      <h2>
        {query
          ? t("territories.results", { count: total })
          : current
            ? t("territories.childrenOf", { name: current.name })
            : t("territories.topOfScope")}
      </h2>
      {items.length === 0 && !busy ? <p>{t("territories.none")}</p> : null}
      {items.length > 0 ? (
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">{t("territories.name")}</th>
              <th scope="col">{t("territories.level")}</th>
              {query ? <th scope="col">{t("territories.place")}</th> : null}
              <th scope="col">{t("territories.code")}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((territory) => (
              <tr key={territory.code}>
                <td>
                  <Link to={`/admin/territories?parent=${encodeURIComponent(territory.code)}`}>{territory.name}</Link>
                  {territory.name_latin && territory.name_latin !== territory.name ? (
                    <span className="muted"> ({territory.name_latin})</span>
                  ) : null}
                </td>
                <td>{t(levelKey(territory.level))}</td>
                {query ? <td>{TerritoryName.place(territory)}</td> : null}
                <td>
                  <code>{territory.code}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {cursor ? <LoadMore onClick={loadMore} busy={busy} /> : null}

      {current && canWrite && childLevels(current.level).length > 0 ? (
        <NewTerritoryForm
          key={current.code}
          parent={current}
          onCreated={(created) => {
            setNotice(t("territories.created", { name: created.name, code: created.code }));
            reload();
          }}
        />
      ) : null}
    </section>
  );
}

function TerritorySummary({
  territory,
  canWrite,
  onSaved,
  onReload,
}: {
  territory: Territory;
  canWrite: boolean;
  onSaved: (territory: Territory) => void;
  onReload: () => void;
}) {
  const { t } = useI18n();
  const [editing, setEditing] = useState(false);
  const [name, setName] = useState(territory.name);
  const [nameLatin, setNameLatin] = useState(territory.name_latin ?? "");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const stale = isStaleVersion(error);

  async function save(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const changes: { name?: string; name_latin?: string | null } = {};
      if (name !== territory.name) changes.name = name;
      if (nameLatin !== (territory.name_latin ?? "")) changes.name_latin = nameLatin === "" ? null : nameLatin;
      const saved = await updateTerritory(territory.code, territory.version, changes);
      setEditing(false);
      onSaved(saved);
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="card">
      <dl className="summary">
        <div>
          <dt>{t("territories.name")}</dt>
          <dd>{territory.name}</dd>
        </div>
        {territory.name_latin ? (
          <div>
            <dt>{t("territories.nameLatin")}</dt>
            <dd>{territory.name_latin}</dd>
          </div>
        ) : null}
        <div>
          <dt>{t("territories.level")}</dt>
          <dd>{t(levelKey(territory.level))}</dd>
        </div>
        <div>
          <dt>{t("territories.code")}</dt>
          <dd>
            <code>{territory.code}</code>
          </dd>
        </div>
      </dl>
      {canWrite && !editing ? (
        <button type="button" className="button-secondary" onClick={() => setEditing(true)}>
          {t("territories.edit")}
        </button>
      ) : null}
      {editing ? (
        <form onSubmit={(event) => void save(event)} noValidate aria-labelledby="edit-territory-title">
          <h2 id="edit-territory-title">{t("territories.editTitle", { name: territory.name })}</h2>
          {stale ? (
            <StaleVersionAlert message={t("territories.staleVersion")} onReload={onReload} />
          ) : (
            <ErrorAlert message={formError(error, ["name", "name_latin"], t)} />
          )}
          <TerritoryNameFields name={name} onName={setName} nameLatin={nameLatin} onNameLatin={setNameLatin} error={error} />
          <div className="actions">
            <button type="submit" disabled={busy || !name.trim()}>
              {busy ? t("common.saving") : t("common.save")}
            </button>
            <button type="button" className="button-secondary" onClick={() => setEditing(false)}>
              {t("common.cancel")}
            </button>
          </div>
        </form>
      ) : null}
    </div>
  );
}

/** A territory's name and its Latin-script name: the same two fields when creating and renaming. */
function TerritoryNameFields({
  name,
  onName,
  nameLatin,
  onNameLatin,
  error,
}: {
  name: string;
  onName: (value: string) => void;
  nameLatin: string;
  onNameLatin: (value: string) => void;
  /** The API error; shown next to the field it names. */
  error: unknown;
}) {
  const { t } = useI18n();
  return (
    <>
      <TextField
        label={t("territories.name")}
        name="name"
        required
        value={name}
        onChange={(event) => onName(event.target.value)}
        error={fieldError(error, "name", t)}
      />
      <TextField
        label={t("territories.nameLatin")}
        name="name_latin"
        value={nameLatin}
        onChange={(event) => onNameLatin(event.target.value)}
        error={fieldError(error, "name_latin", t)}
      />
    </>
  );
}

function NewTerritoryForm({ parent, onCreated }: { parent: Territory; onCreated: (territory: Territory) => void }) {
  const { t } = useI18n();
  const levels = childLevels(parent.level);
  const [code, setCode] = useState(codePrefix(parent.code));
  const [name, setName] = useState("");
  const [nameLatin, setNameLatin] = useState("");
  const [level, setLevel] = useState<TerritoryLevel>(levels[0]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const created = await createTerritory({
        code: code.trim(),
        name: name.trim(),
        ...(nameLatin.trim() ? { name_latin: nameLatin.trim() } : {}),
        level,
        parent_code: parent.code,
      });
      setCode(codePrefix(parent.code));
      setName("");
      setNameLatin("");
      onCreated(created);
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }

  const codeError =
    fieldError(error, "code", t) ??
    (error instanceof ApiError && (error.code === "territory.invalid_code" || error.code === "territory.duplicate_code")
      ? errorMessage(error, t)
      : undefined);
  const levelError =
    fieldError(error, "level", t) ??
    (error instanceof ApiError && error.code === "territory.invalid_level" ? errorMessage(error, t) : undefined);
  const shown = codeError || levelError ? ["code", "level", "name", "name_latin"] : ["name", "name_latin"];

  return (
    <form className="card" onSubmit={(event) => void submit(event)} noValidate aria-labelledby="new-territory-title">
      <h2 id="new-territory-title">{t("territories.newTitle", { parent: parent.name })}</h2>
      <ErrorAlert message={codeError || levelError ? undefined : formError(error, shown, t)} />
      <div className="form-grid">
        <TextField
          label={t("territories.code")}
          name="code"
          required
          autoCapitalize="characters"
          spellCheck={false}
          hint={t("territories.codeHint", { prefix: codePrefix(parent.code) })}
          value={code}
          onChange={(event) => setCode(event.target.value)}
          error={codeError}
        />
        <SelectField
          label={t("territories.level")}
          name="level"
          value={level}
          onChange={(event) => setLevel(event.target.value as TerritoryLevel)}
          error={levelError}
        >
          {levels.map((option) => (
            <option key={option} value={option}>
              {t(levelKey(option))}
            </option>
          ))}
        </SelectField>
        <TerritoryNameFields name={name} onName={setName} nameLatin={nameLatin} onNameLatin={setNameLatin} error={error} />
      </div>
      <button type="submit" disabled={busy || !name.trim() || code.trim().length <= codePrefix(parent.code).length}>
        {busy ? t("common.saving") : t("territories.create")}
      </button>
    </form>
  );
}
