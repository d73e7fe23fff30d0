// The registry search the user last ran in this tab, so that "back to the registry" from a
// person or household returns to it (the search page keeps it in its address as `?q=`).

const KEY = "socius.registry.lastSearch";

export function rememberRegistrySearch(query: string): void {
  try {
    if (query) sessionStorage.setItem(KEY, query);
    else sessionStorage.removeItem(KEY);
  } catch {
    // Storage may be unavailable (private mode): the link then opens an empty search.
  }
}

/** The address of the registry search, with the last query when there is one. */
export function registrySearchPath(): string {
  let query: string | null;
  try {
    query = sessionStorage.getItem(KEY);
  } catch {
    query = null;
  }
  return query ? `/registry?${new URLSearchParams({ q: query }).toString()}` : "/registry";
}
