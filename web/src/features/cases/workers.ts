import { useEffect, useState } from "react";
import { listCaseWorkers } from "../../api/cases";
import type { CaseWorker } from "../../api/types";

/**
 * The colleagues who may be given casework in `community` (GET /case-workers), for the worker
 * pickers. While they load, and when they cannot be listed (an older server, no access), the
 * list is empty: the pickers then offer the caller alone, which is always allowed.
 */
export function useCaseWorkers(community: string | null | undefined): readonly CaseWorker[] {
  const [loaded, setLoaded] = useState<{ community: string; workers: CaseWorker[] } | null>(null);
  useEffect(() => {
    if (!community) return;
    const controller = new AbortController();
    listCaseWorkers(community, controller.signal).then(
      (workers) => {
        if (!controller.signal.aborted) setLoaded({ community, workers });
      },
      () => {
        if (!controller.signal.aborted) setLoaded({ community, workers: [] });
      },
    );
    return () => controller.abort();
  }, [community]);
  return loaded && loaded.community === community ? loaded.workers : [];
}
