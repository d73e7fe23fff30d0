import { useCallback } from "react";
import { useSearchParams } from "react-router-dom";

/**
 * One query parameter of the address as state: what a list screen shows (a search, a filter)
 * survives Back, a reload and a copied link. Setting it replaces the history entry (typing
 * does not fill the history); an empty value removes the parameter.
 */
export function useQueryParam(name: string): [string, (value: string) => void] {
  const [params, setParams] = useSearchParams();
  const value = params.get(name) ?? "";
  const set = useCallback(
    (next: string) => {
      setParams(
        (current) => {
          const updated = new URLSearchParams(current);
          if (next) updated.set(name, next);
          else updated.delete(name);
          return updated;
        },
        { replace: true },
      );
    },
    [name, setParams],
  );
  return [value, set];
}
