import { describe, expect, it } from "vitest";
import type { ImportJob, ImportProblem } from "../../api/types";
import { importOutcome, importProcessing } from "./importOutcome";

function job(status: ImportJob["status"], errors: ImportProblem[] = [], written = 0): ImportJob {
  return {
    id: "j",
    status,
    file_name: "persons.csv",
    size: 10,
    sha256: "0".repeat(64),
    bytes_received: 10,
    mode: "all_or_nothing",
    community_code: null,
    rows_total: 5,
    rows_read: 5,
    rows_ok: 4,
    rows_rejected: 1,
    rows_written: written,
    rows_linked: 0,
    errors,
    errors_truncated: false,
    created_at: "2026-01-01T00:00:00.000Z",
    updated_at: "2026-01-01T00:00:00.000Z",
  };
}

function problem(row: number, code: string): ImportProblem {
  return { row, field: "", code, message: code, params: {}, severity: "error" };
}

describe("import outcome", () => {
  it("sums up done and cancelled jobs", () => {
    expect(importOutcome(job("done")).key).toBe("import.doneSummary");
    expect(importOutcome(job("cancelled", [], 20)).key).toBe("import.cancelledSummary");
  });

  it("blames the rows when rows had errors", () => {
    const outcome = importOutcome(job("failed", [problem(3, "person.invalid_birth_date")]));
    expect(outcome.key).toBe("import.failedSummary");
    expect(outcome.counts).toEqual({ written: 0, rejected: 1, total: 5 });
  });

  it("tells a stop of the whole job from bad rows and counts what was saved", () => {
    const outcome = importOutcome(
      job("failed", [problem(0, "import.store_failed"), problem(3, "person.invalid_birth_date")], 4),
    );
    expect(outcome.key).toBe("import.stoppedSummary");
    expect(outcome.counts.written).toBe(4);
  });
});

describe("importProcessing", () => {
  const job = { rows_read: 0, rows_total: 0, rows_written: 0, rows_rejected: 0 };
  it("never claims a share of an unknown total while the file is checked", () => {
    expect(importProcessing({ ...job, status: "validating", rows_read: 20000, rows_total: 20000 })).toEqual({
      kind: "checking",
      read: 20000,
    });
  });
  it("counts the rows written out of those to write", () => {
    expect(
      importProcessing({ ...job, status: "writing", rows_read: 30000, rows_total: 30000, rows_rejected: 10000, rows_written: 5000 }),
    ).toEqual({ kind: "writing", percent: 25, done: 5000, total: 20000 });
  });
  it("is waiting before anything is read", () => {
    expect(importProcessing({ ...job, status: "queued" })).toEqual({ kind: "starting" });
  });
});
