import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from "react";
import { Link, useNavigate } from "react-router-dom";
import { searchPersons } from "../../api/registry";
import type { PersonHit } from "../../api/types";
import { ErrorAlert, LoadMore, errorMessage } from "../../components/forms";
import { usePageTitle } from "../../components/usePageTitle";
import { useQueryParam } from "../../components/useQueryParam";
import { useI18n } from "../../i18n/i18n";
import { useSession } from "../session/session";
import { createDebouncedSearch } from "./debouncedSearch";
import { Labels, formatBirthDate, fullName } from "./labels";
import { rememberRegistrySearch } from "./searchMemory";
import "./registry.css";

const PAGE_SIZE = 25;

interface Results {
  query: string;
  items: PersonHit[];
  nextCursor: string | null;
}

/**
 * Find a person: results follow the typing (debounced, stale requests aborted), ranked as the
 * server returns them; arrow keys move through the results and Enter opens one.
 */
export function RegistrySearchPage() {
  const { t, language } = useI18n();
  usePageTitle(t("registry.searchTitle"));
  const navigate = useNavigate();
  const { permissions } = useSession();
  const listId = useId();
  // The query lives in the address (?q=): Back, a reload or a shared link show the same search.
  const [addressQuery, setAddressQuery] = useQueryParam("q");
  const [query, setQuery] = useState(addressQuery);
  const [results, setResults] = useState<Results | null>(null);
  // The person the arrow keys chose, by id: results that arrive meanwhile (typing goes on while a
  // search answers) keep them chosen when they are still among them.
  const [activeId, setActiveId] = useState<string | null>(null);
  const [searching, setSearching] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);

  const search = useMemo(
    () =>
      createDebouncedSearch({
        delayMs: 150,
        run: (q, signal) => searchPersons({ q, limit: PAGE_SIZE }, signal),
        onStart: () => setSearching(true),
        onResult: (q, page) => {
          setSearching(false);
          setError(null);
          setResults({ query: q, items: page.items, nextCursor: page.next_cursor });
          setActiveId((id) => (id !== null && page.items.some((hit) => hit.id === id) ? id : null));
        },
        onError: (_q, caught) => {
          setSearching(false);
          setError(caught);
        },
      }),
    [],
  );
  useEffect(() => () => search.cancel(), [search]);
  // Coming back to a search in the address runs it again.
  useEffect(() => {
    if (addressQuery.trim()) search.update(addressQuery.trim());
    // Only on arrival: typing updates the address and searches itself.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [search]);

  function onType(value: string) {
    setQuery(value);
    setAddressQuery(value.trim() ? value : "");
    rememberRegistrySearch(value.trim());
    if (!value.trim()) {
      search.cancel();
      setSearching(false);
      setResults(null);
      setError(null);
      setActiveId(null);
      return;
    }
    search.update(value.trim());
  }

  async function loadMore() {
    if (!results?.nextCursor) return;
    setLoadingMore(true);
    try {
      const page = await searchPersons({ q: results.query, limit: PAGE_SIZE, cursor: results.nextCursor });
      setResults((current) =>
        current && current.query === results.query
          ? { query: current.query, items: [...current.items, ...page.items], nextCursor: page.next_cursor }
          : current,
      );
    } catch (caught) {
      setError(caught);
    } finally {
      setLoadingMore(false);
    }
  }

  const items = results?.items ?? [];
  const active = activeId === null ? -1 : items.findIndex((hit) => hit.id === activeId);
  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === "ArrowDown" && items.length > 0) {
      event.preventDefault();
      setActiveId(items[Math.min(active + 1, items.length - 1)].id);
    } else if (event.key === "ArrowUp" && items.length > 0) {
      event.preventDefault();
      setActiveId(items[Math.max(active - 1, 0)].id);
    } else if (event.key === "Enter") {
      event.preventDefault();
      const chosen = items[active >= 0 ? active : 0];
      if (chosen) void navigate(`/registry/persons/${chosen.id}`);
    } else if (event.key === "Escape") {
      setActiveId(null);
    }
  }

  useEffect(() => {
    if (active >= 0) document.getElementById(`${listId}-${active}`)?.scrollIntoView({ block: "nearest" });
  }, [active, listId]);

  const trimmed = query.trim();
  return (
    <section className="page registry-search" aria-labelledby="registry-search-title">
      <div className="page-header">
        <h1 id="registry-search-title">{t("registry.searchTitle")}</h1>
        <div className="actions">
          {permissions.has("person.write") ? (
            <>
              <Link className="button" to="/registry/persons/new">
                {t("registry.newPerson")}
              </Link>
              <Link className="button button-secondary" to="/registry/households/new">
                {t("registry.newHousehold")}
              </Link>
            </>
          ) : null}
        </div>
      </div>
      <div className="field">
        <label htmlFor={`${listId}-input`}>{t("registry.searchLabel")}</label>
        <input
          id={`${listId}-input`}
          ref={inputRef}
          type="search"
          role="combobox"
          aria-expanded={items.length > 0}
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={active >= 0 ? `${listId}-${active}` : undefined}
          aria-describedby={`${listId}-hint`}
          autoComplete="off"
          spellCheck={false}
          autoFocus
          value={query}
          maxLength={200}
          onChange={(event) => onType(event.target.value)}
          onKeyDown={onKeyDown}
        />
        <p className="field-hint" id={`${listId}-hint`}>
          {t("registry.searchHint")}
        </p>
      </div>
      <p className="search-status" role="status" aria-live="polite">
        {searching
          ? t("registry.searching")
          : results && trimmed
            ? t("registry.resultsCount", { count: items.length, more: results.nextCursor ? "yes" : "no" })
            : ""}
      </p>
      <ErrorAlert message={error ? errorMessage(error, t) : null} />
      {!trimmed ? (
        <div className="empty-state">
          <h2>{t("registry.emptyTitle")}</h2>
          <p>{t("registry.emptyBody")}</p>
        </div>
      ) : results && items.length === 0 && !searching ? (
        <div className="empty-state">
          <h2>{t("registry.noResultsTitle", { query: results.query })}</h2>
          <p>{t("registry.noResultsBody")}</p>
        </div>
      ) : null}
      {trimmed && items.length > 0 ? (
        <ul className="person-results" id={listId} role="listbox" aria-label={t("registry.resultsLabel")}>
          {items.map((hit, index) => (
            <li key={hit.id} role="none">
              {/* A real link (open in a new tab works) in the role of the listbox's option. */}
              <Link
                to={`/registry/persons/${hit.id}`}
                id={`${listId}-${index}`}
                role="option"
                tabIndex={-1}
                aria-selected={index === active}
                className="person-result"
                onMouseEnter={() => setActiveId(hit.id)}
              >
              <span className="person-name">
                {fullName(hit)}
              </span>
              <span className={`badge badge-${hit.match}`}>{Labels.match(hit.match, t)}</span>
              <span className="person-meta">
                {hit.birth_date ? (
                  <span>
                    {t("registry.bornAge", {
                      date: formatBirthDate(hit.birth_date, language),
                      age: hit.age ?? 0,
                    })}
                  </span>
                ) : (
                  <span>{t("registry.noBirthDate")}</span>
                )}
                <span>{hit.community_name}</span>
                {hit.identifiers.map((identifier) => (
                  <span key={identifier.scheme}>
                    {identifier.scheme} <code>{identifier.value_masked}</code>
                  </span>
                ))}
              </span>
              </Link>
            </li>
          ))}
        </ul>
      ) : null}
      {trimmed && results?.nextCursor ? <LoadMore onClick={() => void loadMore()} busy={loadingMore} /> : null}
    </section>
  );
}
