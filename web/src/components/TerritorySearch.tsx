import { useEffect, useId, useState } from "react";
import { listTerritories } from "../api/endpoints";
import type { Territory, TerritoryLevel } from "../api/types";
import { useI18n } from "../i18n/i18n";
import { SelectField, TextField, errorMessage } from "./forms";
import { TerritoryName } from "./TerritoryName";

export interface TerritoryRef {
  code: string;
  name: string;
  /** Known when picked from a search: names the place beside the name. */
  ancestors?: Territory["ancestors"];
  /** Known when picked from a search. */
  level?: TerritoryLevel;
}

/**
 * Territory choice by search: type part of a name or a code prefix, then pick from the matches
 * (GET /territories?q=&level=&parent=). A plain input and select, so it works with keyboard and
 * screen readers. With `listWithoutQuery`, the matches are listed before anything is typed.
 */
export function TerritorySearch({
  legend,
  value,
  onChange,
  error,
  level,
  parent,
  listWithoutQuery = false,
  limit,
  delayMs,
  searchLabel,
  selectLabel,
  noneLabel,
  optionLabel,
}: {
  legend: string;
  value: TerritoryRef | null;
  onChange: (picked: TerritoryRef | null) => void;
  error?: string;
  /** Filters passed to GET /territories. */
  level?: TerritoryLevel;
  parent?: string | null;
  listWithoutQuery?: boolean;
  limit: number;
  delayMs: number;
  searchLabel: string;
  selectLabel: string;
  noneLabel: string;
  optionLabel: (territory: Territory) => string;
}) {
  const { t } = useI18n();
  const legendId = useId();
  const [query, setQuery] = useState("");
  const [results, setResults] = useState<Territory[]>([]);
  // How many match in all (the API's total), not how many one page brought.
  const [total, setTotal] = useState(0);
  const [searchError, setSearchError] = useState<unknown>(null);
  const [searching, setSearching] = useState(false);

  // With nothing to search for, no matches are shown (and clearing the query forgets them).
  const active = query.trim() !== "" || listWithoutQuery;
  const matches = active ? results : [];

  useEffect(() => {
    if (!active) return;
    const text = query.trim();
    const controller = new AbortController();
    const search = async () => {
      setSearching(true);
      try {
        const page = await listTerritories({ q: text || undefined, level, parent: parent ?? undefined, limit });
        if (!controller.signal.aborted) {
          setResults(page.items);
          setTotal(page.total);
          setSearchError(null);
        }
      } catch (caught) {
        if (!controller.signal.aborted) setSearchError(caught);
      } finally {
        if (!controller.signal.aborted) setSearching(false);
      }
    };
    const timer = window.setTimeout(() => void search(), delayMs);
    return () => {
      controller.abort();
      window.clearTimeout(timer);
    };
  }, [active, query, level, parent, limit, delayMs]);

  const options = matches.filter((territory) => territory.code !== value?.code);
  return (
    <fieldset className="territory-picker" aria-labelledby={legendId}>
      <legend id={legendId}>{legend}</legend>
      <TextField
        label={searchLabel}
        type="search"
        value={query}
        autoComplete="off"
        onChange={(event) => {
          setQuery(event.target.value);
          if (!event.target.value.trim()) setResults([]);
        }}
        hint={
          active && searching
            ? t("common.loading")
            : query.trim() || listWithoutQuery
              ? t("picker.matches", { count: active ? total : 0 })
              : t("picker.hint")
        }
        error={searchError ? errorMessage(searchError, t) : undefined}
      />
      <SelectField
        label={selectLabel}
        value={value?.code ?? ""}
        error={error}
        onChange={(event) => {
          const code = event.target.value;
          if (!code) return onChange(null);
          const found = matches.find((territory) => territory.code === code);
          onChange(found ? { code: found.code, name: found.name, ancestors: found.ancestors, level: found.level } : value);
        }}
      >
        <option value="">{noneLabel}</option>
        {value ? <option value={value.code}>{TerritoryName.label(value, t)}</option> : null}
        {options.map((territory) => (
          <option key={territory.code} value={territory.code}>
            {optionLabel(territory)}
          </option>
        ))}
      </SelectField>
    </fieldset>
  );
}
