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
