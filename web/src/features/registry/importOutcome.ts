import type { ImportJob } from "../../api/types";

/** The message key and counts that sum up a finished import job. */
export interface ImportOutcome {
  key: "import.doneSummary" | "import.cancelledSummary" | "import.stoppedSummary" | "import.failedSummary";
  counts: { written: number; rejected: number; total: number };
}

/**
 * A failed job either had bad rows (nothing written in all-or-nothing mode) or stopped on a
 * problem of the whole job, reported with row 0: the file damaged or gone, the database failing.
 * The second kind may have saved rows, and saying "N rows have errors" would mislead.
 */
export function importOutcome(job: ImportJob): ImportOutcome {
  const counts = { written: job.rows_written, rejected: job.rows_rejected, total: job.rows_total };
  if (job.status === "done") return { key: "import.doneSummary", counts };
  if (job.status === "cancelled") return { key: "import.cancelledSummary", counts };
  const stopped = job.errors.some((problem) => problem.row === 0);
  return { key: stopped ? "import.stoppedSummary" : "import.failedSummary", counts };
}

/**
 * What the processing bar may truthfully say. While the file is checked the number of rows is
 * not known yet (the server counts them as it reads), so only the rows read so far are shown
 * and the bar has no value; while writing, the share of the rows to write that are written.
 */
export type ImportProcessing =
  | { kind: "starting" }
  | { kind: "checking"; read: number }
  | { kind: "writing"; percent: number; done: number; total: number }
  | { kind: "finished"; percent: 100; done: number; total: number };

export function importProcessing(
  job: Pick<ImportJob, "status" | "rows_read" | "rows_total" | "rows_written" | "rows_rejected">,
): ImportProcessing {
  if (job.status === "done") return { kind: "finished", percent: 100, done: job.rows_total, total: job.rows_total };
  if (job.status === "writing") {
    const total = Math.max(0, job.rows_total - job.rows_rejected);
    const percent = total > 0 ? Math.min(100, Math.floor((job.rows_written * 100) / total)) : 0;
    return { kind: "writing", percent, done: job.rows_written, total };
  }
  if (job.status === "validating" || job.rows_read > 0) return { kind: "checking", read: job.rows_read };
  return { kind: "starting" };
}
