import type { Territory, TerritoryLevel } from "../../../api/types";

/** Territory levels from the top of the tree down. */
export const LEVELS: readonly TerritoryLevel[] = ["country", "region", "district", "community", "settlement"];

/** Levels a child of a territory at `parent` may have (strictly lower). */
export function childLevels(parent: TerritoryLevel): TerritoryLevel[] {
  const index = LEVELS.indexOf(parent);
  return index < 0 ? [] : LEVELS.slice(index + 1);
}

/** `CC:` — the prefix every code under this territory must start with (its country's code). */
export function codePrefix(parentCode: string): string {
  return `${parentCode.split(":")[0]}:`;
}

/** The territory's ancestors from the top down, given a lookup that fails outside scope. */
export async function ancestorsOf(
  territory: Territory,
  lookup: (code: string) => Promise<Territory>,
  maxDepth = LEVELS.length + 2,
): Promise<Territory[]> {
  const chain: Territory[] = [];
  let parent = territory.parent_code;
  while (parent && chain.length < maxDepth) {
    try {
      const next = await lookup(parent);
      chain.unshift(next);
      parent = next.parent_code;
    } catch {
      break;
    }
  }
  return chain;
}
