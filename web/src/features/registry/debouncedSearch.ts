// Search-as-you-type: wait until the user pauses, cancel whatever is still in flight when the
// query changes, and deliver only the answer to the latest query (never a stale one).

export interface DebouncedSearch {
  /** The query changed: restart the pause; the previous request, if any, is aborted. */
  update(query: string): void;
  /** Stop: clears the pending pause and aborts the request in flight. */
  cancel(): void;
}

export interface DebouncedSearchOptions<T> {
  delayMs: number;
  run: (query: string, signal: AbortSignal) => Promise<T>;
  onStart?: (query: string) => void;
  onResult: (query: string, result: T) => void;
  onError: (query: string, error: unknown) => void;
  /** Injected timers, for tests; window.setTimeout / clearTimeout otherwise. */
  setTimer?: (callback: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
}

export function createDebouncedSearch<T>(options: DebouncedSearchOptions<T>): DebouncedSearch {
  const setTimer = options.setTimer ?? ((callback, ms) => setTimeout(callback, ms));
  const clearTimer = options.clearTimer ?? ((handle) => clearTimeout(handle as ReturnType<typeof setTimeout>));
  let timer: unknown = null;
  let inFlight: AbortController | null = null;

  function stop() {
    if (timer !== null) clearTimer(timer);
    timer = null;
    inFlight?.abort();
    inFlight = null;
  }

  return {
    update(query) {
      stop();
      timer = setTimer(() => {
        timer = null;
        const controller = new AbortController();
        inFlight = controller;
        options.onStart?.(query);
        options.run(query, controller.signal).then(
          (result) => {
            if (controller.signal.aborted) return;
            inFlight = null;
            options.onResult(query, result);
          },
          (error: unknown) => {
            if (controller.signal.aborted) return;
            inFlight = null;
            options.onError(query, error);
          },
        );
      }, options.delayMs);
    },
    cancel: stop,
  };
}
