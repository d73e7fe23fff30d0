// Loading what the report screens show: the monthly report and the dashboard's series of a
// territory, reloaded when the territory or the period changes; a superseded answer is dropped.
import { useEffect, useState } from "react";
import { getMonthlyReport, getReportSeries } from "../../api/reports";
import type { MonthlyReport, ReportSeries } from "../../api/types";

/** The monthly report of `territory` for `month`; `loading` while one is on its way. */
export function useMonthlyReport(territory: string | undefined, month: string) {
  const [report, setReport] = useState<MonthlyReport | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(Boolean(territory));
  // A new territory or month: loading at once, in the same render, the old error gone.
  const [requested, setRequested] = useState(`${territory}|${month}`);
  if (requested !== `${territory}|${month}`) {
    setRequested(`${territory}|${month}`);
    setLoading(Boolean(territory));
    setError(null);
  }
  useEffect(() => {
    if (!territory) return;
    const controller = new AbortController();
    getMonthlyReport(territory, month, controller.signal).then(
      (loaded) => {
        setReport(loaded);
        setError(null);
        setLoading(false);
      },
      (caught: unknown) => {
        if (controller.signal.aborted) return;
        setReport(null);
        setError(caught);
        setLoading(false);
      },
    );
    return () => controller.abort();
  }, [territory, month]);
  return { report, error, loading };
}

/** The dashboard's series of `territory`: the `months` months up to `to`. */
export function useSeries(territory: string | undefined, to: string, months: 12 | 24) {
  const [series, setSeries] = useState<ReportSeries | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [requested, setRequested] = useState(`${territory}|${to}|${months}`);
  if (requested !== `${territory}|${to}|${months}`) {
    setRequested(`${territory}|${to}|${months}`);
    setError(null);
  }
  useEffect(() => {
    if (!territory) return;
    const controller = new AbortController();
    getReportSeries(territory, to, months, controller.signal).then(
      (loaded) => {
        setSeries(loaded);
        setError(null);
      },
      (caught: unknown) => {
        if (controller.signal.aborted) return;
        setSeries(null);
        setError(caught);
      },
    );
    return () => controller.abort();
  }, [territory, to, months]);
  return { series, error };
}
