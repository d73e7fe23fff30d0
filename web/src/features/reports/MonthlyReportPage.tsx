// /reports: the monthly activity report of a territory in the user's scope. Each indicator's
// total in the month, the month before and the same month a year before, with the change, its
// breakdowns folded beneath it, the sub-territories side by side; the files to download and
// the DHIS2 export. Figures open the records behind them for those who may see names.
import { useId, useState } from "react";
import type { FigureRef } from "../../api/reports";
import { dhis2DryRun, dhis2ExportUrl, monthlyExportUrl } from "../../api/reports";
import type { Dhis2DryRun, MonthlyReport, ReportFigure } from "../../api/types";
import { ErrorAlert, errorMessage } from "../../components/forms";
import { usePageTitle } from "../../components/usePageTitle";
import { formatDateTime, formatNumber } from "../../i18n/format";
import { useI18n } from "../../i18n/i18n";
import { changeOf, formatChange, formatMonth, groupFigures, parseFigureKey, type IndicatorRow, type SectionGroup } from "./figures";
import { breakdownValueLabel, dimensionLabel, figureLabel, indicatorLabel, sectionLabel } from "./labels";
import { ScopePicker, SuppressionBanner, ValueCell, useReportScope } from "./parts";
import { useMonthlyReport } from "./useReport";

export function MonthlyReportPage() {
  const { t, language } = useI18n();
  usePageTitle(t("reports.title"));
  const scope = useReportScope();
  const { report, error, loading } = useMonthlyReport(scope.territory?.code, scope.month);
  const shown = report && report.territory.code === scope.territory?.code && report.month === scope.month ? report : null;

  return (
    <section className="page reports-page" aria-labelledby="report-title">
      <h1 id="report-title">{t("reports.title")}</h1>
      <ScopePicker
        territory={shown ? { code: shown.territory.code, name: shown.territory.name, level: shown.territory.level } : scope.territory}
        onTerritory={scope.setTerritory}
        month={scope.month}
        onMonth={scope.setMonth}
        monthLabel={t("reports.month")}
      />
      <ErrorAlert message={error ? errorMessage(error, t) : null} />
      {!scope.territory ? <p className="empty-note">{t("reports.chooseTerritory")}</p> : null}
      {loading && !shown ? (
        <p role="status">{t("common.loading")}</p>
      ) : null}
      {shown ? (
        <>
          <header className="report-header">
            <h2 data-testid="report-heading">
              {t("reports.heading", { territory: shown.territory.name, month: formatMonth(shown.month, language) })}
            </h2>
            <p className="muted">{t("reports.generatedAt", { time: formatDateTime(shown.generated_at, language) })}</p>
          </header>
          <SuppressionBanner suppression={shown.suppression} />
          <Downloads report={shown} />
          {groupFigures(shown.figures).map((group) => (
            <SectionTable key={group.section} report={shown} group={group} />
          ))}
          {shown.sub_territories.length > 0 ? <SubTerritoriesTable report={shown} /> : null}
        </>
      ) : null}
    </section>
  );
}

function figureRef(report: MonthlyReport, figure: ReportFigure, month: string, territory?: string): FigureRef | null {
  if (!report.drill_down) return null;
  return {
    territory: territory ?? report.territory.code,
    month,
    indicator: figure.indicator,
    dimension: figure.dimension,
    value_code: figure.value_code,
    currency: figure.currency,
  };
}

function SectionTable({ report, group }: { report: MonthlyReport; group: SectionGroup }) {
  const { t, language } = useI18n();
  const captionId = useId();
  return (
    <div className="table-scroll report-section">
      <table className="data-table report-table" aria-labelledby={captionId} data-testid={`section-${group.section}`}>
        <caption id={captionId}>{sectionLabel(group.section, t)}</caption>
        <thead>
          <tr>
            <th scope="col">{t("reports.col.indicator")}</th>
            <th scope="col" className="number">
              {t("reports.col.month", { month: formatMonth(report.month, language) })}
            </th>
            <th scope="col" className="number">
              {t("reports.col.previous", { month: formatMonth(report.previous_month, language) })}
            </th>
            <th scope="col" className="number">
              {t("reports.col.changePrevious")}
            </th>
            <th scope="col" className="number">
              {t("reports.col.lastYear", { month: formatMonth(report.last_year_month, language) })}
            </th>
            <th scope="col" className="number">
              {t("reports.col.changeLastYear")}
            </th>
          </tr>
        </thead>
        {group.rows.map((row) => (
          <IndicatorRows key={row.key} report={report} row={row} />
        ))}
      </table>
    </div>
  );
}

function FigureCells({ report, figure, territory }: { report: MonthlyReport; figure: ReportFigure; territory?: string }) {
  const { t, language } = useI18n();
  const name = figureLabel(figure, t);
  const cell = (value: number | null, month: string) => (
    <ValueCell
      value={value}
      unit={figure.unit}
      currency={figure.currency}
      suppression={report.suppression}
      drill={figureRef(report, figure, month, territory)}
      linkLabel={t("reports.openRecords", { figure: name, month: formatMonth(month, language) })}
    />
  );
  const change = (earlier: number | null) => {
    const c = changeOf(figure.value, earlier);
    return c ? formatChange(c, figure.unit, figure.currency, language) : "";
  };
  return (
    <>
      <td className="number" data-testid="value">
        {cell(figure.value, report.month)}
      </td>
      <td className="number" data-testid="previous">
        {cell(figure.previous, report.previous_month)}
      </td>
      <td className="number change">{change(figure.previous)}</td>
      <td className="number" data-testid="last-year">
        {cell(figure.last_year, report.last_year_month)}
      </td>
      <td className="number change">{change(figure.last_year)}</td>
    </>
  );
}

function IndicatorRows({ report, row }: { report: MonthlyReport; row: IndicatorRow }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const breakdownsId = useId();
  const name = figureLabel(row.total, t);
  const testId = row.total.currency ? `figure-${row.total.indicator}-${row.total.currency}` : `figure-${row.total.indicator}`;
  return (
    <>
      <tbody className="indicator">
        <tr data-testid={testId}>
          <th scope="row">
            {row.breakdowns.length > 0 ? (
              <button
                type="button"
                className="disclosure"
                aria-expanded={open}
                aria-controls={breakdownsId}
                onClick={() => setOpen((was) => !was)}
              >
                <span aria-hidden="true" className="disclosure-mark">
                  {open ? "▾" : "▸"}
                </span>{" "}
                {name}
                <span className="visually-hidden"> {t("reports.showBreakdown")}</span>
              </button>
            ) : (
              name
            )}
          </th>
          <FigureCells report={report} figure={row.total} />
        </tr>
      </tbody>
      {row.breakdowns.length > 0 ? (
        <tbody id={breakdownsId} className="breakdowns" hidden={!open}>
          {row.breakdowns.map((breakdown) => (
            <BreakdownRows key={breakdown.dimension} report={report} row={row} breakdown={breakdown} />
          ))}
        </tbody>
      ) : null}
    </>
  );
}

function BreakdownRows({
  report,
  row,
  breakdown,
}: {
  report: MonthlyReport;
  row: IndicatorRow;
  breakdown: IndicatorRow["breakdowns"][number];
}) {
  const { t } = useI18n();
  return (
    <>
      <tr className="breakdown-heading">
        <th scope="rowgroup" colSpan={6}>
          {t("reports.breakdownOf", { name: indicatorLabel(row.total.indicator, t), by: dimensionLabel(breakdown.dimension, t) })}
        </th>
      </tr>
      {breakdown.figures.map((figure) => (
        <tr key={`${figure.dimension}:${figure.value_code}`} className="breakdown" data-testid={`breakdown-${figure.value_code}`}>
          <th scope="row">{breakdownValueLabel(figure, t)}</th>
          <FigureCells report={report} figure={figure} />
        </tr>
      ))}
    </>
  );
}

function SubTerritoriesTable({ report }: { report: MonthlyReport }) {
  const { t, language } = useI18n();
  const rows = groupFigures(report.figures).flatMap((group) => group.rows.map((row) => ({ section: group.section, row })));
  return (
    <div className="table-scroll report-section">
      <table className="data-table report-table" data-testid="sub-territories">
        <caption>{t("reports.bySubTerritory", { month: formatMonth(report.month, language) })}</caption>
        <thead>
          <tr>
            <th scope="col">{t("reports.col.indicator")}</th>
            {report.sub_territories.map((sub) => (
              <th scope="col" className="number" key={sub.code}>
                {sub.name}
              </th>
            ))}
            <th scope="col" className="number">
              {t("reports.col.total")}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map(({ row }) => {
            const figure = row.total;
            const name = figureLabel(figure, t);
            const byCode = new Map(figure.by_territory.map((entry) => [entry.code, entry.value]));
            return (
              <tr key={row.key}>
                <th scope="row">{name}</th>
                {report.sub_territories.map((sub) => (
                  <td className="number" key={sub.code}>
                    <ValueCell
                      value={byCode.has(sub.code) ? (byCode.get(sub.code) ?? null) : 0}
                      unit={figure.unit}
                      currency={figure.currency}
                      suppression={report.suppression}
                      drill={figureRef(report, figure, report.month, sub.code)}
                      linkLabel={t("reports.openRecordsIn", {
                        figure: name,
                        territory: sub.name,
                        month: formatMonth(report.month, language),
                      })}
                    />
                  </td>
                ))}
                <td className="number">
                  <ValueCell
                    value={figure.value}
                    unit={figure.unit}
                    currency={figure.currency}
                    suppression={report.suppression}
                    drill={null}
                  />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function Downloads({ report }: { report: MonthlyReport }) {
  const { t } = useI18n();
  const [dryRun, setDryRun] = useState<Dhis2DryRun | null>(null);
  const [dryRunError, setDryRunError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const code = report.territory.code;
  async function check() {
    setBusy(true);
    setDryRunError(null);
    try {
      setDryRun(await dhis2DryRun(code, report.month));
    } catch (caught) {
      setDryRun(null);
      setDryRunError(caught);
    } finally {
      setBusy(false);
    }
  }
  return (
    <div className="card report-downloads">
      <h2 className="card-title">{t("reports.downloads")}</h2>
      <div className="actions">
        <a className="button" href={monthlyExportUrl(code, report.month, "pdf")} download data-testid="export-pdf">
          {t("reports.export.pdf")}
        </a>
        <a className="button" href={monthlyExportUrl(code, report.month, "xlsx")} download data-testid="export-xlsx">
          {t("reports.export.xlsx")}
        </a>
        <a className="button" href={monthlyExportUrl(code, report.month, "csv")} download data-testid="export-csv">
          {t("reports.export.csv")}
        </a>
      </div>
      {/* The DHIS2 feed is not suppressed: it is for those who may see every figure. */}
      {report.drill_down ? (
        <>
          <h3>{t("reports.dhis2.title")}</h3>
          <div className="actions">
            <a className="button button-secondary" href={dhis2ExportUrl(code, report.month, "json")} download data-testid="dhis2-json">
              {t("reports.dhis2.json")}
            </a>
            <a className="button button-secondary" href={dhis2ExportUrl(code, report.month, "csv")} download data-testid="dhis2-csv">
              {t("reports.dhis2.csv")}
            </a>
            <button type="button" className="button-secondary" onClick={() => void check()} disabled={busy} data-testid="dhis2-dry-run">
              {busy ? t("common.loading") : t("reports.dhis2.dryRun")}
            </button>
          </div>
          <ErrorAlert message={dryRunError ? errorMessage(dryRunError, t) : null} />
          {dryRun ? <DryRunResult report={report} dryRun={dryRun} /> : null}
        </>
      ) : null}
    </div>
  );
}

/** What a DHIS2 export would send, and what has no DHIS2 code yet. */
function DryRunResult({ report, dryRun }: { report: MonthlyReport; dryRun: Dhis2DryRun }) {
  const { t, language } = useI18n();
  const names = new Map([report.territory, ...report.sub_territories].map((territory) => [territory.code, territory.name]));
  return (
    <div className="dry-run" role="status" data-testid="dry-run-result">
      <p>{t("reports.dhis2.values", { count: dryRun.data_values, shown: formatNumber(dryRun.data_values, language) })}</p>
      {dryRun.unmapped_figures.length > 0 ? (
        <>
          <h4>{t("reports.dhis2.unmappedFigures", { count: dryRun.unmapped_figures.length })}</h4>
          <ul>
            {dryRun.unmapped_figures.map((text) => {
              const key = parseFigureKey(text);
              return <li key={text}>{key ? figureLabel({ ...key, label: null }, t) : text}</li>;
            })}
          </ul>
        </>
      ) : null}
      {dryRun.unmapped_territories.length > 0 ? (
        <>
          <h4>{t("reports.dhis2.unmappedTerritories", { count: dryRun.unmapped_territories.length })}</h4>
          <ul>
            {dryRun.unmapped_territories.map((code) => (
              <li key={code}>
                {names.get(code) ?? code} <code>{code}</code>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {dryRun.unmapped_figures.length === 0 && dryRun.unmapped_territories.length === 0 ? <p>{t("reports.dhis2.allMapped")}</p> : null}
    </div>
  );
}
