import { useState, type FormEvent } from "react";
import { Link } from "react-router-dom";
import { listProviders } from "../../api/services";
import type { Provider } from "../../api/types";
import { ErrorAlert, LoadMore, TextField, errorMessage } from "../../components/forms";
import { TerritoryName } from "../../components/TerritoryName";
import { TerritorySearch, type TerritoryRef } from "../../components/TerritorySearch";
import { useCursorList } from "../../components/useCursorList";
import { usePageTitle } from "../../components/usePageTitle";
import { useQueryParam } from "../../components/useQueryParam";
import { formatNumber } from "../../i18n/format";
import { useI18n } from "../../i18n/i18n";
import { useSession } from "../session/session";
import { serviceLabel } from "./labels";
// The registry's and the cases' styles hold the shared badge, list and empty-note rules.
import "../registry/registry.css";
import "../cases/cases.css";
import "./services.css";

/** /providers: the providers the user sees, by name, found by territory and name or legal id. */
export function ProvidersListPage() {
  const { t, language } = useI18n();
  usePageTitle(t("providers.title"));
  const { permissions } = useSession();
  const [q, setQ] = useQueryParam("q");
  const [typed, setTyped] = useState(q);
  const [territory, setTerritory] = useState<TerritoryRef | null>(null);
  const list = useCursorList<Provider>(
    (cursor) => listProviders({ territory: territory?.code, q: q || undefined, limit: 50, cursor }),
    [territory?.code, q],
    { clearOnError: true },
  );

  function search(event: FormEvent) {
    event.preventDefault();
    setQ(typed.trim());
  }

  return (
    <section className="page" aria-labelledby="providers-title">
      <p>
        <Link to="/services">{t("services.backToList")}</Link>
      </p>
      <div className="page-header">
        <h1 id="providers-title">{t("providers.title")}</h1>
        {permissions.has("service.manage") ? (
          <Link className="button" to="/providers/new">
            {t("providers.new")}
          </Link>
        ) : null}
      </div>
      <div className="card">
        {/* A provider's staff see only the providers they work for: no territory to choose. */}
        {permissions.has("service.read") ? (
          <TerritorySearch
            legend={t("services.territory")}
            value={territory}
            onChange={setTerritory}
            limit={50}
            delayMs={200}
            searchLabel={t("services.searchTerritory")}
            selectLabel={t("services.territory")}
            noneLabel={t("services.anyTerritory")}
            optionLabel={(found) => TerritoryName.label(found, t)}
          />
        ) : null}
        <form className="filter-bar" onSubmit={search} role="search" aria-label={t("services.filters")}>
          <TextField
            label={t("providers.search")}
            name="q"
            type="search"
            value={typed}
            maxLength={200}
            onChange={(e) => setTyped(e.target.value)}
          />
          <div className="field">
            <button type="submit">{t("common.search")}</button>
          </div>
        </form>
      </div>
      <ErrorAlert message={list.error ? errorMessage(list.error, t) : null} />
      {list.loaded && !list.busy && list.items.length === 0 && !list.error ? (
        <p className="empty-note">{t("providers.empty")}</p>
      ) : null}
      {list.items.length > 0 ? (
        <div className="table-scroll">
          <table className="data-table stack-on-phone" data-testid="providers-table">
            <caption className="visually-hidden">{t("providers.caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("providers.field.name")}</th>
                <th scope="col">{t("providers.field.kind")}</th>
                <th scope="col">{t("providers.field.territory")}</th>
                <th scope="col">{t("providers.field.legal_id")}</th>
                <th scope="col">{t("providers.field.services")}</th>
              </tr>
            </thead>
            <tbody>
              {list.items.map((provider) => (
                <tr key={provider.id}>
                  <td>
                    <Link to={`/providers/${encodeURIComponent(provider.id)}`}>{provider.name}</Link>
                  </td>
                  <td>{serviceLabel("providerKind", provider.kind, t)}</td>
                  <td>{provider.territory_name}</td>
                  <td>{provider.legal_id ?? "—"}</td>
                  <td className="numeric">{formatNumber(provider.services, language)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {list.cursor ? <LoadMore onClick={list.loadMore} busy={list.busy} /> : null}
    </section>
  );
}
