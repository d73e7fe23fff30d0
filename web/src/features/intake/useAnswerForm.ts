import { useCallback, useRef, useState } from "react";
import { useFocusFirstError } from "../../components/forms";
import { isAnswerConflict } from "./rules";

/**
 * What each way of answering a request keeps: the last attempt's error, whether it runs, and
 * the panel (the person's choice and the form together) whose first field at fault takes the
 * focus after a failure, else the summary; not after a conflict, which its own alert tells.
 */
export function useAnswerForm() {
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const panelRef = useRef<HTMLDivElement>(null);
  const summaryRef = useRef<HTMLDivElement>(null);
  const conflict = isAnswerConflict(error);
  useFocusFirstError(conflict ? null : error, panelRef, summaryRef);
  const attempt = useCallback(async (save: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await save();
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }, []);
  return { error, setError, busy, panelRef, summaryRef, conflict, attempt };
}
