// One chart of the dashboard, drawn by chart.js on a canvas that names what it shows, with the
// same figures as a table a click away (for screen readers, keyboard users and exact values).
// Only the dashboard imports this file, so chart.js is loaded with that route alone.
import { useEffect, useId, useRef } from "react";
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LineController,
  LineElement,
  LinearScale,
  PointElement,
  Tooltip,
} from "chart.js";
import type { ReportSuppression } from "../../api/types";
import { intlLocale } from "../../i18n/format";
import { useI18n } from "../../i18n/i18n";
import { cellOf } from "./figures";
import { plotted, type ChartData } from "./charts";
import { SuppressedMark } from "./parts";

Chart.register(BarController, BarElement, CategoryScale, Legend, LineController, LineElement, LinearScale, PointElement, Tooltip);

const ACCENT = "#1f5fa8";

export function ChartView({
  title,
  data,
  kind,
  pointLabel,
  keyHeading,
  suppression,
  testId,
}: {
  title: string;
  data: ChartData;
  kind: "line" | "bar";
  /** The label of one point (a month, a category, a territory). */
  pointLabel: (index: number) => string;
  /** The heading of the table's first column ("Month", "Category", "Territory"). */
  keyHeading: string;
  suppression: ReportSuppression;
  testId?: string;
}) {
  const { t, language } = useI18n();
  const canvas = useRef<HTMLCanvasElement>(null);
  const headingId = useId();
  const labels = data.keys.map((_, i) => pointLabel(i));
  const cells = data.values.map((value) => cellOf(value, data.unit, data.currency, suppression, language));
  const suppressedCount = cells.filter((c) => c.kind === "suppressed").length;
  const description = [
    title,
    ...labels.map((label, i) => `${label}: ${cells[i].kind === "suppressed" ? t("reports.suppressedShort") : cells[i].text}`),
  ].join("; ");

  useEffect(() => {
    if (!canvas.current) return;
    const locale = intlLocale(language);
    const format = (value: number) =>
      data.unit === "money" && data.currency
        ? new Intl.NumberFormat(locale, { style: "currency", currency: data.currency, maximumFractionDigits: 0 }).format(value)
        : new Intl.NumberFormat(locale).format(value);
    const chart = new Chart(canvas.current, {
      type: kind,
      data: {
        labels,
        datasets: [
          {
            label: title,
            data: data.values.map((v) => plotted(v, data.unit)),
            borderColor: ACCENT,
            backgroundColor: kind === "bar" ? ACCENT : "rgba(31, 95, 168, 0.15)",
            spanGaps: false,
            tension: 0.2,
          },
        ],
      },
      options: {
        locale,
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        plugins: {
          legend: { display: false },
          tooltip: {
            callbacks: {
              label: (item) => (item.raw === null ? t("reports.suppressedShort") : format(Number(item.raw))),
            },
          },
        },
        scales: {
          y: { beginAtZero: true, ticks: { precision: 0, callback: (value) => format(Number(value)) } },
        },
      },
    });
    return () => chart.destroy();
    // The labels and values are derived from data, language and suppression.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [data, kind, language, title]);

  return (
    <figure className="card report-chart" aria-labelledby={headingId} data-testid={testId}>
      <figcaption id={headingId}>
        <h3>{title}</h3>
        {suppressedCount > 0 ? <p className="field-hint">{t("reports.chartGaps")}</p> : null}
      </figcaption>
      <div className="chart-box">
        <canvas ref={canvas} role="img" aria-label={description} />
      </div>
      <details className="chart-table">
        <summary>{t("reports.showTable")}</summary>
        <div className="table-scroll">
          <table className="data-table">
            <caption className="visually-hidden">{title}</caption>
            <thead>
              <tr>
                <th scope="col">{keyHeading}</th>
                <th scope="col" className="number">
                  {t("reports.col.value")}
                </th>
              </tr>
            </thead>
            <tbody>
              {labels.map((label, i) => {
                const cell = cells[i];
                return (
                  <tr key={data.keys[i]}>
                    <th scope="row">{label}</th>
                    <td className="number">
                      {cell.kind === "suppressed" ? <SuppressedMark text={cell.text} threshold={cell.threshold} /> : cell.text}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}
