// /reports/dashboard: a territory's key figures over 12 or 24 months, the active cases by
// category in the last month and a chosen figure by sub-territory; every chart with its table.
import { useMemo } from "react";
import { ErrorAlert, SelectField, errorMessage } from "../../components/forms";
import { useQueryParam } from "../../components/useQueryParam";
import { usePageTitle } from "../../components/usePageTitle";
import { useI18n } from "../../i18n/i18n";
import { bySubTerritory, lastMonthBreakdown, trendCharts } from "./charts";
import { ChartView } from "./ChartView";
import { formatMonth } from "./figures";
import { breakdownValueLabel, figureLabel } from "./labels";
import { useMonthlyReport, useSeries } from "./useReport";
import { ScopePicker, SuppressionBanner, useReportScope } from "./parts";

export function DashboardPage() {
  const { t, language } = useI18n();
  usePageTitle(t("reports.dashboardTitle"));
  const scope = useReportScope();
  const [period, setPeriod] = useQueryParam("months");
  const months: 12 | 24 = period === "24" ? 24 : 12;
  const [subIndicator, setSubIndicator] = useQueryParam("by");
  const { series, error } = useSeries(scope.territory?.code, scope.month, months);
  const monthly = useMonthlyReport(scope.territory?.code, scope.month);
  const report = monthly.report;
  // The series of the territory shown, kept while another period loads: the charts stay, and
  // a table opened under one stays open.
  const shownSeries = series && series.territory.code === scope.territory?.code ? series : null;
  const current = shownSeries !== null && shownSeries.months.length === months && shownSeries.months.at(-1) === scope.month;
  const trends = useMemo(() => (shownSeries ? trendCharts(shownSeries) : []), [shownSeries]);
  const categories = useMemo(
    () => (shownSeries ? lastMonthBreakdown(shownSeries, "cases_active", "category") : null),
    [shownSeries],
  );

  const subChoices = useMemo(
    () =>
      (report?.figures ?? [])
        .filter((f) => f.dimension === null)
        .map((f) => ({ key: f.currency ? `${f.indicator}:${f.currency}` : f.indicator, figure: f })),
    [report],
  );
  const chosenSub = subChoices.find((c) => c.key === subIndicator) ?? subChoices.find((c) => c.key === "cases_active") ?? subChoices[0];
  const subChart = useMemo(
    () => (report && chosenSub ? bySubTerritory(report, chosenSub.figure.indicator, chosenSub.figure.currency) : null),
    [report, chosenSub],
  );

  return (
    <section className="page reports-page" aria-labelledby="dashboard-title">
      <h1 id="dashboard-title">{t("reports.dashboardTitle")}</h1>
      <ScopePicker
        territory={scope.territory}
        onTerritory={scope.setTerritory}
        month={scope.month}
        onMonth={scope.setMonth}
        monthLabel={t("reports.lastMonth")}
      />
      <div className="actions" role="group" aria-label={t("reports.period")}>
        {([12, 24] as const).map((n) => (
          <button
            key={n}
            type="button"
            className={n === months ? "" : "button-secondary"}
            aria-pressed={n === months}
            onClick={() => setPeriod(n === 12 ? "" : "24")}
            data-testid={`period-${n}`}
          >
            {t("reports.months", { count: n })}
          </button>
        ))}
      </div>
      <ErrorAlert message={error ? errorMessage(error, t) : null} />
      {!scope.territory ? <p className="empty-note">{t("reports.chooseTerritory")}</p> : null}
      {scope.territory && !current && !error ? <p role="status">{t("common.loading")}</p> : null}
      {shownSeries ? (
        <>
          <h2>
            {t("reports.dashboardHeading", {
              territory: shownSeries.territory.name,
              from: formatMonth(shownSeries.months[0] ?? "", language),
              to: formatMonth(shownSeries.months.at(-1) ?? "", language),
            })}
          </h2>
          <SuppressionBanner suppression={shownSeries.suppression} />
          <div className="chart-grid">
            {trends.map((chart) => (
              <ChartView
                key={`${chart.indicator}:${chart.currency ?? ""}`}
                title={figureLabel({ indicator: chart.indicator, dimension: null, value_code: null, label: null, currency: chart.currency }, t)}
                data={chart}
                kind="line"
                pointLabel={(i) => formatMonth(chart.keys[i], language)}
                keyHeading={t("reports.col.monthOnly")}
                suppression={shownSeries.suppression}
                testId={`trend-${chart.indicator}${chart.currency ? `-${chart.currency}` : ""}`}
              />
            ))}
            {categories ? (
              <ChartView
                title={t("reports.casesByCategory", { month: formatMonth(shownSeries.months.at(-1) ?? "", language) })}
                data={categories}
                kind="bar"
                pointLabel={(i) =>
                  breakdownValueLabel({ dimension: "category", value_code: categories.keys[i], label: categories.labels[i] }, t)
                }
                keyHeading={t("reports.dimension.category")}
                suppression={shownSeries.suppression}
                testId="cases-by-category"
              />
            ) : null}
          </div>
        </>
      ) : null}
      {report && report.sub_territories.length > 0 && chosenSub && subChart ? (
        <section className="report-section" aria-labelledby="by-sub-title">
          <h2 id="by-sub-title">{t("reports.bySubTerritory", { month: formatMonth(report.month, language) })}</h2>
          <SelectField
            label={t("reports.col.indicator")}
            value={chosenSub.key}
            onChange={(e) => setSubIndicator(e.target.value)}
          >
            {subChoices.map((c) => (
              <option key={c.key} value={c.key}>
                {figureLabel(c.figure, t)}
              </option>
            ))}
          </SelectField>
          <ChartView
            title={t("reports.figureBySubTerritory", { figure: figureLabel(chosenSub.figure, t) })}
            data={subChart}
            kind="bar"
            pointLabel={(i) => subChart.labels[i] ?? subChart.keys[i]}
            keyHeading={t("reports.territory")}
            suppression={report.suppression}
            testId="by-sub-territory"
          />
        </section>
      ) : null}
    </section>
  );
}
