// The household screening in figures: for a territory in the caller's scope, how many households
// were screened (the latest final screening of each) and how many were found vulnerable, in all,
// by flag and by community. No names.
import { useEffect, useState } from "react";
import { screeningSummary } from "../../api/assessments";
import type { ScreeningSummary } from "../../api/types";
import { ErrorAlert, errorMessage } from "../../components/forms";
import { TerritoryName } from "../../components/TerritoryName";
import { TerritorySearch, type TerritoryRef } from "../../components/TerritorySearch";
import { usePageTitle } from "../../components/usePageTitle";
import { formatNumber } from "../../i18n/format";
import { useI18n } from "../../i18n/i18n";
import { useSession } from "../session/session";
import { formText } from "./questionnaire";
import "./assessments.css";

export function ScreeningPage() {
  const { t, language } = useI18n();
  const { user } = useSession();
  const [territory, setTerritory] = useState<TerritoryRef | null>(
    user?.home_territory_code ? { code: user.home_territory_code, name: user.home_territory_name ?? user.home_territory_code } : null,
  );
  const [summary, setSummary] = useState<ScreeningSummary | null>(null);
  const [error, setError] = useState<unknown>(null);
  usePageTitle(t("screening.title"));

  useEffect(() => {
    if (!territory) return;
    let current = true;
    screeningSummary(territory.code).then(
      (loaded) => {
        if (!current) return;
        setSummary(loaded);
        setError(null);
      },
      (caught: unknown) => {
        if (!current) return;
        setSummary(null);
        setError(caught);
      },
    );
    return () => {
      current = false;
    };
  }, [territory]);

  const percent = (n: number) =>
    summary && summary.households_screened > 0
      ? new Intl.NumberFormat(language, { style: "percent", maximumFractionDigits: 0 }).format(n / summary.households_screened)
      : "—";
  return (
    <section className="page" aria-labelledby="screening-title">
      <h1 id="screening-title">{t("screening.title")}</h1>
      <p className="field-hint">{t("screening.intro")}</p>
      <div className="card">
        <TerritorySearch
          legend={t("screening.territory")}
          value={territory}
          onChange={setTerritory}
          limit={50}
          delayMs={200}
          searchLabel={t("screening.searchTerritory")}
          selectLabel={t("screening.territory")}
          noneLabel={t("picker.none")}
          optionLabel={(found) => TerritoryName.label(found, t)}
        />
      </div>
      <ErrorAlert message={error ? errorMessage(error, t) : null} />
      {summary ? (
        <>
          <section className="card outcome" aria-labelledby="screening-totals">
            <h2 id="screening-totals">{summary.territory_name}</h2>
            <dl>
              <dt>{t("screening.screened")}</dt>
              <dd data-testid="households-screened">{formatNumber(summary.households_screened, language)}</dd>
              <dt>{t("screening.vulnerable")}</dt>
              <dd data-testid="households-vulnerable">
                {formatNumber(summary.households_vulnerable, language)} ({percent(summary.households_vulnerable)})
              </dd>
            </dl>
          </section>
          <div className="table-scroll">
            <table className="data-table">
              <caption>{t("screening.byFlag")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("screening.flag")}</th>
                  <th scope="col">{t("screening.households")}</th>
                  <th scope="col">{t("screening.share")}</th>
                </tr>
              </thead>
              <tbody>
                {summary.flags.map((flag) => (
                  <tr key={flag.code}>
                    <th scope="row">{formText(flag.label as Record<string, string>, language) || flag.code}</th>
                    <td>{formatNumber(flag.households, language)}</td>
                    <td>{percent(flag.households)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {summary.communities.length > 1 ? (
            <div className="table-scroll">
              <table className="data-table stack-on-phone">
                <caption>{t("screening.byCommunity")}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("screening.community")}</th>
                    <th scope="col">{t("screening.screened")}</th>
                    <th scope="col">{t("screening.vulnerable")}</th>
                  </tr>
                </thead>
                <tbody>
                  {summary.communities.map((c) => (
                    <tr key={c.code}>
                      <th scope="row">{c.name}</th>
                      <td>{formatNumber(c.households_screened, language)}</td>
                      <td>{formatNumber(c.households_vulnerable, language)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : null}
        </>
      ) : null}
    </section>
  );
}
