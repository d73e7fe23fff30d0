import { useEffect, useRef } from "react";

/**
 * For a message that follows an action (a save, a creation) and may appear outside the visible
 * area: the returned ref goes on a container with tabIndex={-1} around the message, which is
 * scrolled into view and focused each time the message changes, so keyboard and screen-reader
 * users land on it instead of losing focus with the form that was replaced.
 */
export function useFocusOnMessage<T extends HTMLElement>(message: string | null | undefined) {
  const ref = useRef<T>(null);
  useEffect(() => {
    if (!message || !ref.current) return;
    ref.current.scrollIntoView({ block: "nearest" });
    ref.current.focus({ preventScroll: true });
  }, [message]);
  return ref;
}
