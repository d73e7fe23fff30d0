import { useEffect, useLayoutEffect, useRef, useState, type DependencyList } from "react";
import type { Page } from "../api/types";

/**
 * A list read page by page with the API's cursor: the first page loads whenever `deps` change
 * (a superseded load is ignored), `loadMore` appends the next one. `clearOnError` empties the list
 * when the first page fails; `onFirstPage` sees each first page that was applied.
 */
export function useCursorList<T, P extends Page<T> = Page<T>>(
  fetchPage: (cursor: string | null) => Promise<P>,
  deps: DependencyList,
  options: { clearOnError?: boolean; onFirstPage?: (page: P) => void } = {},
) {
  const [items, setItems] = useState<T[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [busy, setBusy] = useState(true);
  const [loaded, setLoaded] = useState(false);
  const [error, setError] = useState<unknown>(null);
  // The callbacks of the latest render, for the load below and for loadMore; refreshed before
  // any effect runs.
  const latest = useRef({ fetchPage, options });
  useLayoutEffect(() => {
    latest.current = { fetchPage, options };
  });

  // New deps start a new first page: busy at once, in the same render, and the error of the
  // previous one gone (React's pattern for state that follows a prop, rather than an effect).
  const [requested, setRequested] = useState(deps);
  if (!sameDeps(requested, deps)) {
    setRequested(deps);
    setBusy(true);
    setError(null);
  }

  useEffect(() => {
    let cancelled = false;
    void (async () => {
      try {
        const page = await latest.current.fetchPage(null);
        if (cancelled) return;
        latest.current.options.onFirstPage?.(page);
        setItems(page.items);
        setCursor(page.next_cursor);
      } catch (caught) {
        if (cancelled) return;
        setError(caught);
        if (latest.current.options.clearOnError) {
          setItems([]);
          setCursor(null);
        }
      } finally {
        if (!cancelled) {
          setBusy(false);
          setLoaded(true);
        }
      }
    })();
    return () => {
      cancelled = true;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the caller names what the first page depends on
  }, deps);

  /** Appends the next page; a failure shows as `error`. */
  function loadMore(): void {
    if (!cursor) return;
    const from = cursor;
    setBusy(true);
    void (async () => {
      try {
        const page = await latest.current.fetchPage(from);
        setItems((previous) => [...previous, ...page.items]);
        setCursor(page.next_cursor);
      } catch (caught) {
        setError(caught);
      } finally {
        setBusy(false);
      }
    })();
  }

  return { items, cursor, busy, loaded, error, loadMore };
}

function sameDeps(a: DependencyList, b: DependencyList): boolean {
  return a.length === b.length && a.every((value, i) => Object.is(value, b[i]));
}
