import { useState } from "react";
import { Link } from "react-router-dom";
import { listProgrammes } from "../../api/benefits";
import type { Programme, ProgrammeStatus } from "../../api/types";
import { ErrorAlert, LoadMore, SelectField, errorMessage } from "../../components/forms";
import { TerritoryName } from "../../components/TerritoryName";
import { TerritorySearch, type TerritoryRef } from "../../components/TerritorySearch";
import { useCursorList } from "../../components/useCursorList";
import { usePageTitle } from "../../components/usePageTitle";
import { useQueryParam } from "../../components/useQueryParam";
import { useI18n } from "../../i18n/i18n";
import { useSession } from "../session/session";
import { benefitLabel } from "./labels";
import { Money } from "./parts";
import { PROGRAMME_STATUSES } from "./rules";

/** /benefits/programmes: the programmes the user sees, by name, found by territory and status. */
export function ProgrammesListPage() {
  const { t } = useI18n();
  usePageTitle(t("benefits.programmesTitle"));
  const { permissions } = useSession();
  const [status, setStatus] = useQueryParam("status");
  const [territory, setTerritory] = useState<TerritoryRef | null>(null);
  const list = useCursorList<Programme>(
    (cursor) =>
      listProgrammes({
        territory: territory?.code,
        status: (status || undefined) as ProgrammeStatus | undefined,
        limit: 50,
        cursor,
      }),
    [territory?.code, status],
    { clearOnError: true },
  );

  return (
    <section className="page" aria-labelledby="programmes-title">
      <div className="page-header">
        <h1 id="programmes-title">{t("benefits.programmesTitle")}</h1>
        {permissions.has("programme.manage") ? (
          <Link className="button" to="/benefits/programmes/new">
            {t("benefits.newProgramme")}
          </Link>
        ) : null}
      </div>
      <div className="card filter-bar" role="search" aria-label={t("benefits.filters")}>
        <TerritorySearch
          legend={t("benefits.field.territory")}
          value={territory}
          onChange={setTerritory}
          limit={50}
          delayMs={200}
          searchLabel={t("benefits.searchTerritory")}
          selectLabel={t("benefits.field.territory")}
          noneLabel={t("benefits.anyTerritory")}
          optionLabel={(found) => TerritoryName.label(found, t)}
        />
        <SelectField label={t("benefits.field.status")} name="status" value={status} onChange={(e) => setStatus(e.target.value)}>
          <option value="">{t("benefits.anyStatus")}</option>
          {PROGRAMME_STATUSES.map((value) => (
            <option key={value} value={value}>
              {benefitLabel("status", value, t)}
            </option>
          ))}
        </SelectField>
      </div>
      <ErrorAlert message={list.error ? errorMessage(list.error, t) : null} />
      {list.loaded && !list.busy && list.items.length === 0 && !list.error ? (
        <p className="empty-note">{t("benefits.programmesEmpty")}</p>
      ) : null}
      {list.items.length > 0 ? (
        <div className="table-scroll">
          <table className="data-table stack-on-phone" data-testid="programmes-table">
            <caption className="visually-hidden">{t("benefits.programmesCaption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("benefits.field.name")}</th>
                <th scope="col">{t("benefits.field.kind")}</th>
                <th scope="col">{t("benefits.field.territory")}</th>
                <th scope="col">{t("benefits.field.status")}</th>
                <th scope="col">{t("benefits.field.amount")}</th>
                <th scope="col">{t("benefits.field.budget")}</th>
              </tr>
            </thead>
            <tbody>
              {list.items.map((programme) => (
                <tr key={programme.id} data-testid="programme-row">
                  <td>
                    <Link to={`/benefits/programmes/${encodeURIComponent(programme.id)}`}>{programme.name}</Link>
                  </td>
                  <td>{benefitLabel("kind", programme.kind, t)}</td>
                  <td>{programme.territory_name}</td>
                  <td>{benefitLabel("status", programme.status, t)}</td>
                  <td className="money">
                    <Money minor={programme.amount.amount_minor} currency={programme.currency} />{" "}
                    <span className="muted">{benefitLabel("amountRule", programme.amount.rule, t)}</span>
                  </td>
                  <td className="money">
                    <Money minor={programme.budget_minor} currency={programme.currency} />{" "}
                    <span className="muted">{benefitLabel("budgetPeriod", programme.budget_period, t)}</span>
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
