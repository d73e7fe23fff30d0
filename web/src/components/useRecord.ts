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
    setLoadError(null);
    try {
      setRecord(await fetchRecord(id));
    } catch (caught) {
      setLoadError(caught);
    }
  }, [id, fetchRecord]);

  useEffect(() => {
    if (resetOnChange) setRecord(null);
    void reload();
  }, [reload, resetOnChange]);

  return { record, setRecord, loadError, reload };
}
