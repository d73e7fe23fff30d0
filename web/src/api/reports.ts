// Typed calls for the monthly activity report, the records behind a figure, the dashboard's
// series, the exports and the DHIS2 mapping (docs/openapi.yaml; prose in docs/reports-api.md).
import { api } from "./endpoints";
import type {
  Currency,
  Dhis2DryRun,
  Dhis2Mapping,
  Dhis2MappingChanges,
  MonthlyReport,
  Page,
  ReportDimension,
  ReportIndicator,
  ReportRecord,
  ReportSeries,
} from "./types";

/** Which figure of which report: what the records and the drill-down address name. */
export interface FigureRef {
  territory: string;
  month: string;
  indicator: ReportIndicator;
  dimension?: ReportDimension | null;
  value_code?: string | null;
  currency?: Currency | null;
}

export async function getMonthlyReport(territory: string, month: string, signal?: AbortSignal): Promise<MonthlyReport> {
  return (await api.request<MonthlyReport>("GET", "/reports/monthly", { query: { territory, month }, signal })).data;
}

export async function listReportRecords(
  figure: FigureRef,
  paging: { limit?: number; cursor?: string | null },
): Promise<Page<ReportRecord>> {
  return (
    await api.request<Page<ReportRecord>>("GET", "/reports/monthly/records", {
      query: { ...figure, limit: paging.limit, cursor: paging.cursor },
    })
  ).data;
}

export async function getReportSeries(
  territory: string,
  to: string,
  months: 12 | 24,
  signal?: AbortSignal,
): Promise<ReportSeries> {
  return (await api.request<ReportSeries>("GET", "/reports/series", { query: { territory, to, months }, signal })).data;
}

/** The address of the report as a file (a plain link: the browser downloads it). */
export function monthlyExportUrl(territory: string, month: string, format: "csv" | "xlsx" | "pdf"): string {
  return api.buildUrl("/reports/monthly/export", { territory, month, format });
}

/** The address of the month's DHIS2 payload as a file. */
export function dhis2ExportUrl(territory: string, month: string, format: "json" | "csv"): string {
  return api.buildUrl("/reports/monthly/dhis2", { territory, month, format });
}

/** What a DHIS2 export would send, and which figures and territories have no mapping. */
export async function dhis2DryRun(territory: string, month: string): Promise<Dhis2DryRun> {
  return (
    await api.request<Dhis2DryRun>("GET", "/reports/monthly/dhis2", {
      query: { territory, month, format: "json", dry_run: "true" },
    })
  ).data;
}

export async function getDhis2Mapping(): Promise<Dhis2Mapping> {
  return (await api.request<Dhis2Mapping>("GET", "/reports/dhis2/mapping")).data;
}

export async function saveDhis2Mapping(changes: Dhis2MappingChanges, version: number): Promise<Dhis2Mapping> {
  return (await api.request<Dhis2Mapping>("PUT", "/reports/dhis2/mapping", { body: changes, ifMatch: version })).data;
}
