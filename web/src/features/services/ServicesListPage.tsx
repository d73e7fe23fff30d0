import { useEffect, useState, type FormEvent } from "react";
import { Link } from "react-router-dom";
import { getTerritory } from "../../api/endpoints";
import { listServices } from "../../api/services";
import type { LicenceStatus, Service, ServiceType } from "../../api/types";
import { ErrorAlert, LoadMore, SelectField, TextField, errorMessage } from "../../components/forms";
import { TerritoryName } from "../../components/TerritoryName";
import { TerritorySearch, type TerritoryRef } from "../../components/TerritorySearch";
import { useCursorList } from "../../components/useCursorList";
import { usePageTitle } from "../../components/usePageTitle";
import { useQueryParam } from "../../components/useQueryParam";
import { formatNumber } from "../../i18n/format";
import { useI18n } from "../../i18n/i18n";
import { useSession } from "../session/session";
import { serviceLabel } from "./labels";
import { LicenceFlag } from "./parts";
import { LICENCE_STATUSES, SERVICE_TYPES } from "./rules";
import { publicPageCommunity, publicPageHref } from "./servicesMap";

/**
 * /services: the catalogue of the services the user sees, by name, found by territory, type,
 * licence and part of the name; each with its places used and waiting, and its licence flagged
 * when it expires soon or has expired. Leads to the services map, and to the public page of the
 * community chosen (or of the user's home community), which residents see.
 */
export function ServicesListPage() {
  const { t, language } = useI18n();
  usePageTitle(t("services.listTitle"));
  const { permissions } = useSession();
  const [type, setType] = useQueryParam("type");
  const [licence, setLicence] = useQueryParam("licence");
  const [q, setQ] = useQueryParam("q");
  const [typed, setTyped] = useState(q);
  const [territory, setTerritory] = useState<TerritoryRef | null>(null);
  const list = useCursorList<Service>(
    (cursor) =>
      listServices({
        territory: territory?.code,
        type: (type || undefined) as ServiceType | undefined,
        licence: (licence || undefined) as LicenceStatus | undefined,
        q: q || undefined,
        limit: 50,
        cursor,
      }),
    [territory?.code, type, licence, q],
    { clearOnError: true },
  );
  const n = (value: number) => formatNumber(value, language);
  // A provider's staff see only the services they work in: no territory to choose, no map.
  const catalogue = permissions.has("service.read");
  const home = useHomeTerritory();
  const publicCommunity = publicPageCommunity(territory, home);

  function search(event: FormEvent) {
    event.preventDefault();
    setQ(typed.trim());
  }

  return (
    <section className="page" aria-labelledby="services-title">
      <div className="page-header">
        <h1 id="services-title">{t("services.listTitle")}</h1>
        <div className="actions">
          {catalogue ? <Link to="/services/map">{t("services.mapLink")}</Link> : null}
          <Link to="/providers">{t("services.providersLink")}</Link>
          {permissions.has("service.manage") ? (
            <Link className="button" to="/services/new">
              {t("services.new")}
            </Link>
          ) : null}
        </div>
      </div>
      <div className="card">
        {catalogue ? (
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
        {publicCommunity ? (
          <p>
            <a href={publicPageHref(publicCommunity.code, language)} target="_blank" rel="noopener" data-testid="public-page-link">
              {t("services.publicPage", { community: publicCommunity.name })}
              <span className="visually-hidden"> {t("services.publicPageNewTab")}</span>
            </a>
          </p>
        ) : null}
        <form className="filter-bar" onSubmit={search} role="search" aria-label={t("services.filters")}>
          <SelectField label={t("services.field.type")} name="type" value={type} onChange={(e) => setType(e.target.value)}>
            <option value="">{t("services.anyType")}</option>
            {SERVICE_TYPES.map((value) => (
              <option key={value} value={value}>
                {serviceLabel("type", value, t)}
              </option>
            ))}
          </SelectField>
          <SelectField
            label={t("services.field.licence_status")}
            name="licence"
            value={licence}
            onChange={(e) => setLicence(e.target.value)}
          >
            <option value="">{t("services.anyLicence")}</option>
            {LICENCE_STATUSES.map((value) => (
              <option key={value} value={value}>
                {serviceLabel("licence", value, t)}
              </option>
            ))}
          </SelectField>
          <TextField
            label={t("services.searchName")}
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
        <p className="empty-note">{t("services.listEmpty")}</p>
      ) : null}
      {list.items.length > 0 ? (
        <div className="table-scroll">
          <table className="data-table stack-on-phone" data-testid="services-table">
            <caption className="visually-hidden">{t("services.listCaption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("services.field.name")}</th>
                <th scope="col">{t("services.field.type")}</th>
                <th scope="col">{t("services.field.provider")}</th>
                <th scope="col">{t("services.field.territory")}</th>
                <th scope="col">{t("services.placesColumn")}</th>
                <th scope="col">{t("services.waitingColumn")}</th>
                <th scope="col">{t("services.field.licence_status")}</th>
              </tr>
            </thead>
            <tbody>
              {list.items.map((service) => (
                <tr key={service.id} data-testid="service-row">
                  <td>
                    <Link to={`/services/${encodeURIComponent(service.id)}`}>{service.name}</Link>
                    {service.active ? null : (
                      <>
                        {" "}
                        <span className="badge">{t("services.inactive")}</span>
                      </>
                    )}
                  </td>
                  <td>{serviceLabel("type", service.type, t)}</td>
                  <td>
                    <Link to={`/providers/${encodeURIComponent(service.provider.id)}`}>{service.provider.name}</Link>
                  </td>
                  <td>{service.territory_name}</td>
                  <td className="numeric">
                    {n(service.places_used)} / {n(service.capacity)}
                  </td>
                  <td className="numeric">{n(service.waiting)}</td>
                  <td>
                    <LicenceFlag status={service.licence_status} />
                  </td>
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

/** The user's home territory with its level (read once), to tell whether it is a community. */
function useHomeTerritory(): TerritoryRef | null {
  const { user } = useSession();
  const code = user?.home_territory_code;
  const [home, setHome] = useState<TerritoryRef | null>(null);
  useEffect(() => {
    if (!code) return;
    let current = true;
    getTerritory(code).then(
      (found) => current && setHome({ code: found.code, name: found.name, level: found.level }),
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [code]);
  return home;
}
