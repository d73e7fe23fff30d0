import { useEffect, useId, useState } from "react";
import { listTerritories } from "../../api/endpoints";
import type { Territory } from "../../api/types";
import { SelectField, TextField, errorMessage } from "../../components/forms";
import { useI18n } from "../../i18n/i18n";

export interface ChosenTerritory {
  code: string;
  name: string;
}

/**
 * A community (or a settlement inside a given community) chosen by search: type part of the name
 * or the beginning of the code (GET /territories?q=&level=), then pick from the matches. For a
 * settlement the matches are listed as soon as the community is known.
 */
export function TerritoryChooser({
  legend,
  level,
  parent,
  value,
  onChange,
  error,
  optional,
}: {
  legend: string;
  level: "community" | "settlement";
  parent?: string | null;
  value: ChosenTerritory | null;
  onChange: (chosen: ChosenTerritory | null) => void;
  error?: string;
  optional?: boolean;
}) {
  const { t } = useI18n();
  const legendId = useId();
  const [query, setQuery] = useState("");
  const [results, setResults] = useState<Territory[]>([]);
  const [searchError, setSearchError] = useState<unknown>(null);
  const [searching, setSearching] = useState(false);

  useEffect(() => {
    const text = query.trim();
    if (!text && !(level === "settlement" && parent)) {
      setResults([]);
      return;
    }
    const controller = new AbortController();
    const timer = window.setTimeout(async () => {
      setSearching(true);
      try {
        const page = await listTerritories({ q: text || undefined, level, parent: parent ?? undefined, limit: 50 });
        if (!controller.signal.aborted) {
          setResults(page.items);
          setSearchError(null);
        }
      } catch (caught) {
        if (!controller.signal.aborted) setSearchError(caught);
      } finally {
        if (!controller.signal.aborted) setSearching(false);
      }
    }, 200);
    return () => {
      controller.abort();
      window.clearTimeout(timer);
    };
  }, [query, level, parent]);

  const options = results.filter((territory) => territory.code !== value?.code);
  return (
    <fieldset className="territory-picker" aria-labelledby={legendId}>
      <legend id={legendId}>{legend}</legend>
      <TextField
        label={level === "community" ? t("registry.searchCommunity") : t("registry.searchSettlement")}
        type="search"
        value={query}
        autoComplete="off"
        onChange={(event) => setQuery(event.target.value)}
        hint={
          searching
            ? t("common.loading")
            : query.trim() || (level === "settlement" && parent)
              ? t("picker.matches", { count: results.length })
              : t("picker.hint")
        }
        error={searchError ? errorMessage(searchError, t) : undefined}
      />
      <SelectField
        label={level === "community" ? t("registry.field.community") : t("registry.field.settlement")}
        value={value?.code ?? ""}
        error={error}
        onChange={(event) => {
          const code = event.target.value;
          if (!code) return onChange(null);
          const found = results.find((territory) => territory.code === code);
          onChange(found ? { code: found.code, name: found.name } : value);
        }}
      >
        <option value="">{optional ? t("registry.noSettlement") : t("picker.none")}</option>
        {value ? <option value={value.code}>{`${value.name} (${value.code})`}</option> : null}
        {options.map((territory) => (
          <option key={territory.code} value={territory.code}>
            {`${territory.name} (${territory.code})`}
          </option>
        ))}
      </SelectField>
    </fieldset>
  );
}
