import { useCallback, useEffect, useLayoutEffect, useRef, useState } from "react";
import { getDuplicateRun, listDuplicateRuns, startDuplicateRun } from "../../api/dedup";
import type { DuplicateRun } from "../../api/types";
import { isRunning } from "./labels";

/** How often a running run's progress is read. */
const POLL_MS = 1000;

/**
 * The latest run over a territory (read on load), a way to start one, and while one runs its
 * progress, read every second until it is done or failed. `onFinished` is called once when a
 * run followed here ends.
 */
export function useDuplicateRun(territory: string | undefined, onFinished: (run: DuplicateRun) => void) {
  const [run, setRun] = useState<DuplicateRun | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [starting, setStarting] = useState(false);
  // The caller's latest callback, so that a new one does not restart the polling.
  const finished = useRef(onFinished);
  useLayoutEffect(() => {
    finished.current = onFinished;
  });

  // Another territory: its own latest run, not the previous one's.
  const [shown, setShown] = useState(territory);
  if (shown !== territory) {
    setShown(territory);
    setRun(null);
    setError(null);
  }

  useEffect(() => {
    if (!territory) return;
    let current = true;
    listDuplicateRuns(territory).then(
      (runs) => {
        if (current) setRun(runs[0] ?? null);
      },
      (caught: unknown) => {
        if (current) setError(caught);
      },
    );
    return () => {
      current = false;
    };
  }, [territory]);

  const runId = run && isRunning(run) ? run.id : null;
  useEffect(() => {
    if (!runId) return;
    let current = true;
    const timer = window.setInterval(() => {
      getDuplicateRun(runId).then(
        (next) => {
          if (!current) return;
          setRun(next);
          if (!isRunning(next)) finished.current(next);
        },
        (caught: unknown) => {
          if (current) setError(caught);
        },
      );
    }, POLL_MS);
    return () => {
      current = false;
      window.clearInterval(timer);
    };
  }, [runId]);

  const start = useCallback(async () => {
    if (!territory) return;
    setStarting(true);
    setError(null);
    try {
      const started = await startDuplicateRun(territory);
      setRun(started);
      if (!isRunning(started)) finished.current(started);
    } catch (caught) {
      setError(caught);
    } finally {
      setStarting(false);
    }
  }, [territory]);

  return { run, error, starting, start };
}
