import { useState } from "react";
import type { DuplicateStatus } from "../../api/types";
import type { TerritoryRef } from "../../components/TerritorySearch";
import { useQueryParam } from "../../components/useQueryParam";
import { useSession } from "../session/session";
import { DUPLICATE_STATUSES, defaultDuplicatesTerritory } from "./labels";

/**
 * The territory (`?territory=`) and, on the duplicates page, the status (`?status=`) the page
 * shows, kept in the address so that a list survives a reload and can be sent as a link.
 */
export function useDuplicatesScope() {
  const { user, roles } = useSession();
  const [territoryCode, setTerritoryCode] = useQueryParam("territory");
  const [statusParam, setStatusParam] = useQueryParam("status");
  // Names of territories picked on this page; the address holds only the code.
  const [names, setNames] = useState<Record<string, TerritoryRef>>({});
  const fallback = defaultDuplicatesTerritory(user, roles);
  const code = territoryCode || fallback?.code || "";
  const territory: TerritoryRef | null = code
    ? (names[code] ?? (fallback && fallback.code === code ? fallback : { code, name: code }))
    : null;
  const status: DuplicateStatus = (DUPLICATE_STATUSES as readonly string[]).includes(statusParam)
    ? (statusParam as DuplicateStatus)
    : "open";
  return {
    territory,
    status,
    setTerritory: (picked: TerritoryRef | null) => {
      if (picked) setNames((known) => ({ ...known, [picked.code]: picked }));
      setTerritoryCode(picked?.code ?? "");
    },
    setStatus: (next: DuplicateStatus) => setStatusParam(next === "open" ? "" : next),
  };
}
