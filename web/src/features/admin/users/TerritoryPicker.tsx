import { useEffect, useId, useState } from "react";
import { listTerritories } from "../../../api/endpoints";
import type { Territory } from "../../../api/types";
import { SelectField, TextField, errorMessage } from "../../../components/forms";
import { useI18n } from "../../../i18n/i18n";
import { levelKey } from "../territories/TerritoriesPage";

export interface PickedTerritory {
  code: string;
  name: string;
}

/**
 * Territory choice by search: type part of a name or a code prefix, then pick from the matches
 * (GET /territories?q=). A plain input and select, so it works with keyboard and screen readers.
 */
export function TerritoryPicker({
  legend,
  value,
  onChange,
  error,
}: {
  legend: string;
  value: PickedTerritory | null;
  onChange: (picked: PickedTerritory | null) => void;
  error?: string;
}) {
  const { t } = useI18n();
  const legendId = useId();
  const [query, setQuery] = useState("");
  const [results, setResults] = useState<Territory[]>([]);
  const [searchError, setSearchError] = useState<unknown>(null);
  const [searching, setSearching] = useState(false);

  useEffect(() => {
    const text = query.trim();
    if (!text) {
      setResults([]);
      return;
    }
    let cancelled = false;
    const timer = window.setTimeout(async () => {
      setSearching(true);
      try {
        const page = await listTerritories({ q: text, limit: 25 });
        if (!cancelled) {
          setResults(page.items);
          setSearchError(null);
        }
      } catch (caught) {
        if (!cancelled) setSearchError(caught);
      } finally {
        if (!cancelled) setSearching(false);
      }
    }, 250);
    return () => {
      cancelled = true;
      window.clearTimeout(timer);
    };
  }, [query]);

  const options = results.filter((territory) => territory.code !== value?.code);
  return (
    <fieldset className="territory-picker" aria-labelledby={legendId}>
      <legend id={legendId}>{legend}</legend>
      <TextField
        label={t("picker.search")}
        type="search"
        value={query}
        autoComplete="off"
        onChange={(event) => setQuery(event.target.value)}
        hint={
          searching
            ? t("common.loading")
            : query.trim()
              ? t("picker.matches", { count: results.length })
              : t("picker.hint")
        }
        error={searchError ? errorMessage(searchError, t) : undefined}
      />
      <SelectField
        label={t("picker.territory")}
        value={value?.code ?? ""}
        error={error}
        onChange={(event) => {
          const code = event.target.value;
          if (!code) return onChange(null);
          const found = results.find((territory) => territory.code === code);
          onChange(found ? { code: found.code, name: found.name } : value);
        }}
      >
        <option value="">{t("picker.none")}</option>
        {value ? <option value={value.code}>{`${value.name} (${value.code})`}</option> : null}
        {options.map((territory) => (
          <option key={territory.code} value={territory.code}>
            {t("picker.option", { name: territory.name, level: t(levelKey(territory.level)), code: territory.code })}
          </option>
        ))}
      </SelectField>
    </fieldset>
  );
}
