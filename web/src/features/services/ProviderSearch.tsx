import { useEffect, useId, useState } from "react";
import { listProviders } from "../../api/services";
import type { Provider } from "../../api/types";
import { SelectField, TextField, errorMessage } from "../../components/forms";
import { useI18n } from "../../i18n/i18n";

export interface ProviderRef {
  id: string;
  name: string;
  territory_code?: string;
  territory_name?: string;
}

/**
 * A provider chosen by search, in the pattern of the territory picker: the providers the user
 * sees are listed by name at once, typing part of the name or the legal id narrows them
 * (GET /providers?q=), and one is picked from a select. Works with keyboard and screen readers.
 */
export function ProviderSearch({
  value,
  onChange,
  error,
}: {
  value: ProviderRef | null;
  onChange: (picked: ProviderRef | null) => void;
  error?: string;
}) {
  const { t } = useI18n();
  const legendId = useId();
  const [query, setQuery] = useState("");
  const [results, setResults] = useState<Provider[]>([]);
  const [searching, setSearching] = useState(false);
  const [searchError, setSearchError] = useState<unknown>(null);

  useEffect(() => {
    const controller = new AbortController();
    const timer = window.setTimeout(() => {
      setSearching(true);
      listProviders({ q: query.trim() || undefined, limit: 50 }, controller.signal).then(
        (page) => {
          if (controller.signal.aborted) return;
          setResults(page.items);
          setSearchError(null);
          setSearching(false);
        },
        (caught: unknown) => {
          if (controller.signal.aborted) return;
          setSearchError(caught);
          setSearching(false);
        },
      );
    }, 200);
    return () => {
      controller.abort();
      window.clearTimeout(timer);
    };
  }, [query]);

  const options = results.filter((provider) => provider.id !== value?.id);
  return (
    <fieldset className="territory-picker" aria-labelledby={legendId}>
      <legend id={legendId}>{t("services.field.provider")}</legend>
      <TextField
        label={t("services.providerSearch")}
        type="search"
        value={query}
        autoComplete="off"
        onChange={(event) => setQuery(event.target.value)}
        hint={searching ? t("common.loading") : t("services.providerMatches", { count: results.length })}
        error={searchError ? errorMessage(searchError, t) : undefined}
      />
      <SelectField
        label={t("services.field.provider")}
        name="provider_id"
        required
        value={value?.id ?? ""}
        error={error}
        onChange={(event) => {
          const id = event.target.value;
          if (!id) return onChange(null);
          const found = results.find((provider) => provider.id === id);
          onChange(
            found
              ? { id: found.id, name: found.name, territory_code: found.territory_code, territory_name: found.territory_name }
              : value,
          );
        }}
      >
        <option value="">{t("services.providerNone")}</option>
        {value ? <option value={value.id}>{providerOption(value)}</option> : null}
        {options.map((provider) => (
          <option key={provider.id} value={provider.id}>
            {providerOption(provider)}
          </option>
        ))}
      </SelectField>
    </fieldset>
  );
}

function providerOption(provider: ProviderRef): string {
  return provider.territory_name ? `${provider.name} — ${provider.territory_name}` : provider.name;
}
