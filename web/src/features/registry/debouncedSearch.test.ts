import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createDebouncedSearch } from "./debouncedSearch";

interface Pending {
  query: string;
  signal: AbortSignal;
  resolve: (value: string) => void;
  reject: (error: unknown) => void;
}

function harness() {
  const pending: Pending[] = [];
  const results: [string, string][] = [];
  const errors: [string, unknown][] = [];
  const search = createDebouncedSearch<string>({
    delayMs: 150,
    run: (query, signal) =>
      new Promise<string>((resolve, reject) => {
        pending.push({ query, signal, resolve, reject });
        signal.addEventListener("abort", () => reject(new DOMException("aborted", "AbortError")));
      }),
    onResult: (query, result) => results.push([query, result]),
    onError: (query, error) => errors.push([query, error]),
  });
  return { search, pending, results, errors };
}

describe("createDebouncedSearch", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("sends one request after the user pauses, not one per keystroke", () => {
    const { search, pending } = harness();
    search.update("P");
    vi.advanceTimersByTime(100);
    search.update("Po");
    vi.advanceTimersByTime(100);
    search.update("Pol");
    expect(pending).toHaveLength(0);
    vi.advanceTimersByTime(150);
    expect(pending.map((p) => p.query)).toEqual(["Pol"]);
  });

  it("aborts the request in flight when the query changes and ignores its late answer", async () => {
    const { search, pending, results, errors } = harness();
    search.update("Poli");
    vi.advanceTimersByTime(150);
    search.update("Polis");
    expect(pending[0].signal.aborted).toBe(true);
    pending[0].resolve("stale");
    vi.advanceTimersByTime(150);
    pending[1].resolve("fresh");
    await vi.runAllTimersAsync();
    expect(results).toEqual([["Polis", "fresh"]]);
    expect(errors).toEqual([]);
  });

  it("reports errors of the latest request but not of aborted ones", async () => {
    const { search, pending, errors } = harness();
    search.update("a");
    vi.advanceTimersByTime(150);
    search.update("ab");
    vi.advanceTimersByTime(150);
    pending[1].reject(new Error("down"));
    await vi.runAllTimersAsync();
    expect(errors.map(([q]) => q)).toEqual(["ab"]);
  });

  it("cancel() stops a pending pause and the request in flight", async () => {
    const { search, pending, results } = harness();
    search.update("x");
    vi.advanceTimersByTime(150);
    search.update("xy");
    search.cancel();
    vi.advanceTimersByTime(1000);
    expect(pending).toHaveLength(1);
    expect(pending[0].signal.aborted).toBe(true);
    await vi.runAllTimersAsync();
    expect(results).toEqual([]);
  });
});
