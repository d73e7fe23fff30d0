import { useEffect, useState } from "react";
import { Link } from "react-router-dom";
import { getServicesMap } from "../../api/services";
import type { ServicesMap } from "../../api/types";
import { ErrorAlert, errorMessage } from "../../components/forms";
import { TerritoryName } from "../../components/TerritoryName";
import { TerritorySearch, type TerritoryRef } from "../../components/TerritorySearch";
import { usePageTitle } from "../../components/usePageTitle";
import { formatNumber } from "../../i18n/format";
import { useI18n } from "../../i18n/i18n";
import { useSession } from "../session/session";
import { serviceLabel } from "./labels";
import { grandTotal, mapAreas, mapLine, type MapLine } from "./servicesMap";
import "./services.css";

type Figures = Omit<MapLine, "type" | "area_code" | "area_name">;

/**
 * /services/map: the supply of services in a territory, for a needs assessment: per community
 * and service type the services, their places, places used and free, persons waiting and the
 * longest wait; then the whole territory per type. Counts only, so analysts read it too. Opens
 * on the user's home territory.
 */
export function ServicesMapPage() {
  const { t } = useI18n();
  usePageTitle(t("services.map.title"));
  const { user } = useSession();
  const [territory, setTerritory] = useState<TerritoryRef | null>(() =>
    user ? { code: user.home_territory_code, name: user.home_territory_name } : null,
  );
  const [map, setMap] = useState<ServicesMap | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(territory !== null);

  // Another territory: the previous map and error go at once, in the same render.
  const [shown, setShown] = useState(territory?.code);
  if (shown !== territory?.code) {
    setShown(territory?.code);
    setMap(null);
    setError(null);
    setLoading(!!territory);
  }

  useEffect(() => {
    if (!territory) return;
    const controller = new AbortController();
    getServicesMap(territory.code, controller.signal).then(
      (loaded) => {
        setMap(loaded);
        setLoading(false);
      },
      (caught: unknown) => {
        if (controller.signal.aborted) return;
        setError(caught);
        setLoading(false);
      },
    );
    return () => controller.abort();
  }, [territory]);

  const name = map?.territory.name ?? territory?.name ?? "";
  return (
    <section className="page" aria-labelledby="services-map-title">
      <p>
        <Link to="/services">{t("services.backToList")}</Link>
      </p>
      <h1 id="services-map-title">{t("services.map.title")}</h1>
      <p>{t("services.map.intro")}</p>
      <div className="card">
        <TerritorySearch
          legend={t("services.map.territory")}
          value={territory}
          onChange={setTerritory}
          limit={50}
          delayMs={200}
          searchLabel={t("services.map.searchTerritory")}
          selectLabel={t("services.map.territory")}
          noneLabel={t("services.map.noTerritory")}
          optionLabel={(found) => TerritoryName.label(found, t)}
        />
      </div>
      <ErrorAlert message={error ? errorMessage(error, t) : null} />
      {!territory ? <p className="empty-note">{t("services.map.choose")}</p> : null}
      {loading ? <p role="status">{t("common.loading")}</p> : null}
      {map && map.rows.length === 0 ? (
        <p className="empty-note">{t("services.map.empty", { territory: name })}</p>
      ) : null}
      {map && map.rows.length > 0 ? (
        <>
          <AreaTable map={map} />
          <TotalsTable map={map} />
        </>
      ) : null}
    </section>
  );
}

function FigureCells({ figures }: { figures: Figures }) {
  const { t, language } = useI18n();
  const n = (value: number) => formatNumber(value, language);
  return (
    <>
      <td className="numeric">{n(figures.services)}</td>
      <td className="numeric">{n(figures.places)}</td>
      <td className="numeric">{n(figures.places_used)}</td>
      <td className="numeric">{n(figures.free)}</td>
      <td className="numeric">{n(figures.waiting)}</td>
      <td className="numeric">
        {figures.longest_wait_days === null ? (
          <>
            <span aria-hidden="true">—</span>
            <span className="visually-hidden">{t("services.map.nobodyWaiting")}</span>
          </>
        ) : (
          n(figures.longest_wait_days)
        )}
      </td>
    </>
  );
}

function FigureHeaders() {
  const { t } = useI18n();
  return (
    <>
      <th scope="col">{t("services.map.col.services")}</th>
      <th scope="col">{t("services.map.col.places")}</th>
      <th scope="col">{t("services.map.col.used")}</th>
      <th scope="col">{t("services.map.col.free")}</th>
      <th scope="col">{t("services.map.col.waiting")}</th>
      <th scope="col">{t("services.map.col.longestWait")}</th>
    </>
  );
}

/** Per community and type: each community a group of rows, its name heading them all. */
function AreaTable({ map }: { map: ServicesMap }) {
  const { t } = useI18n();
  return (
    <div className="table-scroll">
      <table className="data-table map-table" data-testid="services-map-table">
        <caption>{t("services.map.caption", { territory: map.territory.name })}</caption>
        <thead>
          <tr>
            <th scope="col">{t("services.map.col.area")}</th>
            <th scope="col">{t("services.map.col.type")}</th>
            <FigureHeaders />
          </tr>
        </thead>
        {mapAreas(map.rows).map((area) => (
          <tbody key={area.code} data-testid="services-map-area" data-area={area.code}>
            {area.lines.map((line, index) => (
              <tr key={line.type} data-testid="services-map-row">
                {index === 0 ? (
                  <th scope="rowgroup" rowSpan={area.lines.length} className="map-area">
                    {area.name}
                  </th>
                ) : null}
                <th scope="row">{serviceLabel("type", line.type, t)}</th>
                <FigureCells figures={line} />
              </tr>
            ))}
          </tbody>
        ))}
      </table>
    </div>
  );
}

/** The whole territory per type, and every type together. */
function TotalsTable({ map }: { map: ServicesMap }) {
  const { t } = useI18n();
  return (
    <div className="table-scroll">
      <table className="data-table map-table" data-testid="services-map-totals">
        <caption>{t("services.map.totalsCaption", { territory: map.territory.name })}</caption>
        <thead>
          <tr>
            <th scope="col">{t("services.map.col.type")}</th>
            <FigureHeaders />
          </tr>
        </thead>
        <tbody>
          {map.totals.map((row) => (
            <tr key={row.type} data-testid="services-map-total">
              <th scope="row">{serviceLabel("type", row.type, t)}</th>
              <FigureCells figures={mapLine(row)} />
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{t("services.map.allTypes")}</th>
            <FigureCells figures={grandTotal(map.totals)} />
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
