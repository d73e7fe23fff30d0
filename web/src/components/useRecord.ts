import { useCallback, useEffect, useState } from "react";

/**
 * A record loaded by id for a detail page: the record (replaceable after a save), the load error,
 * and `reload` for after a version conflict. With no id (a "new" page) nothing is fetched.
 * `resetOnChange` clears the shown record while a different id loads.
 */
export function useRecord<T>(
  id: string | undefined,
  fetchRecord: (id: string) => Promise<T>,
  options: { resetOnChange?: boolean } = {},
) {
  const { resetOnChange = false } = options;
  const [record, setRecord] = useState<T | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);

  const reload = useCallback(async () => {
    if (id === undefined) return;
    try {
      const loaded = await fetchRecord(id);
      setRecord(loaded);
      setLoadError(null);
    } catch (caught) {
      setLoadError(caught);
    }
  }, [id, fetchRecord]);

  // Another id: the previous one's error, and with resetOnChange its record, go at once, in the
  // same render (React's pattern for state that follows a prop, rather than an effect).
  const [shownId, setShownId] = useState(id);
  if (shownId !== id) {
    setShownId(id);
    setLoadError(null);
    if (resetOnChange) setRecord(null);
  }

  // The load for the current id; an answer for an id left meanwhile is dropped.
  useEffect(() => {
    if (id === undefined) return;
    let current = true;
    fetchRecord(id).then(
      (loaded) => {
        if (!current) return;
        setRecord(loaded);
        setLoadError(null);
      },
      (caught: unknown) => {
        if (current) setLoadError(caught);
      },
    );
    return () => {
      current = false;
    };
  }, [id, fetchRecord]);

  return { record, setRecord, loadError, reload };
}
