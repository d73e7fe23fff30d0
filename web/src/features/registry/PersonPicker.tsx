import { useEffect, useId, useMemo, useState } from "react";
import { searchPersons } from "../../api/registry";
import type { PersonHit } from "../../api/types";
import { TextField, errorMessage } from "../../components/forms";
import { useI18n } from "../../i18n/i18n";
import { createDebouncedSearch } from "./debouncedSearch";
import { formatBirthDate, fullName } from "./labels";

/**
 * Finds a person with the registry search and offers each match with a button: "Add" to a
 * household unless `pickLabel` and `pickLabelNamed` name another use ("Choose"). `error` is the
 * form's own finding about the person (none chosen), shown on the search box.
 */
export function PersonPicker({
  label,
  exclude,
  onPick,
  pickLabel,
  pickLabelNamed,
  error: formError,
}: {
  label: string;
  exclude: readonly string[];
  onPick: (hit: PersonHit) => void;
  pickLabel?: string;
  pickLabelNamed?: (name: string) => string;
  error?: string;
}) {
  const { t, language } = useI18n();
  const listId = useId();
  const [query, setQuery] = useState("");
  const [hits, setHits] = useState<PersonHit[]>([]);
  const [searching, setSearching] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const search = useMemo(
    () =>
      createDebouncedSearch({
        delayMs: 150,
        run: (q, signal) => searchPersons({ q, limit: 10 }, signal),
        onStart: () => setSearching(true),
        onResult: (_q, page) => {
          setSearching(false);
          setError(null);
          setHits(page.items);
        },
        onError: (_q, caught) => {
          setSearching(false);
          setError(caught);
        },
      }),
    [],
  );
  useEffect(() => () => search.cancel(), [search]);

  const shown = hits.filter((hit) => !exclude.includes(hit.id));
  return (
    <div className="person-picker">
      <TextField
        label={label}
        type="search"
        autoComplete="off"
        value={query}
        aria-controls={listId}
        hint={searching ? t("registry.searching") : t("registry.pickerHint")}
        error={error ? errorMessage(error, t) : formError}
        onChange={(event) => {
          setQuery(event.target.value);
          if (event.target.value.trim()) search.update(event.target.value.trim());
          else {
            search.cancel();
            setHits([]);
          }
        }}
      />
      <ul className="picker-results" id={listId} aria-label={t("registry.resultsLabel")}>
        {query.trim()
          ? shown.map((hit) => {
              const name = fullName(hit);
              return (
                <li key={hit.id}>
                  <span>
                    <strong>{name}</strong>{" "}
                    <span className="muted">
                      {[formatBirthDate(hit.birth_date, language), hit.community_name].filter(Boolean).join(" · ")}
                    </span>
                  </span>
                  <button
                    type="button"
                    className="button-secondary"
                    aria-label={pickLabelNamed ? pickLabelNamed(name) : t("registry.addMemberNamed", { name })}
                    onClick={() => {
                      onPick(hit);
                      setQuery("");
                      setHits([]);
                    }}
                  >
                    {pickLabel ?? t("registry.addMember")}
                  </button>
                </li>
              );
            })
          : null}
      </ul>
    </div>
  );
}
