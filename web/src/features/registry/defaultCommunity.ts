// The community a new record starts in: when every role of the user is over one and the same
// territory, and that territory is a community, there is nothing to choose.
import { getTerritory } from "../../api/endpoints";
import type { User } from "../../api/types";

/** The one territory code all the user's roles are over, or null. */
export function singleRoleTerritory(user: Pick<User, "roles"> | null): string | null {
  const codes = new Set((user?.roles ?? []).map((grant) => grant.territory_code));
  return codes.size === 1 ? [...codes][0] : null;
}

/** That territory when it is a community; null otherwise or when it cannot be read. */
export async function defaultCommunity(
  user: Pick<User, "roles"> | null,
): Promise<{ code: string; name: string } | null> {
  const code = singleRoleTerritory(user);
  if (!code) return null;
  try {
    const territory = await getTerritory(code);
    return territory.level === "community" ? { code: territory.code, name: territory.name } : null;
  } catch {
    return null;
  }
}
