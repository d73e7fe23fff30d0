import { useEffect, useRef, useState, type DependencyList } from "react";
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
  const [busy, setBusy] = useState(false);
  const [loaded, setLoaded] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const latest = useRef({ fetchPage, options });
  latest.current = { fetchPage, options };

  useEffect(() => {
    let cancelled = false;
    setBusy(true);
    setError(null);
    (async () => {
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

  async function loadMore() {
    if (!cursor) return;
    setBusy(true);
    try {
      const page = await latest.current.fetchPage(cursor);
      setItems((previous) => [...previous, ...page.items]);
      setCursor(page.next_cursor);
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }

  return { items, cursor, busy, loaded, error, loadMore };
}
