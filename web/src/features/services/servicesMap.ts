// The services map as its screen shows it (docs/services-api.md, "The services map"): the
// server's rows grouped by community, the places free beside those used, and the whole
// territory's figures over every type; and the address of a community's public page.
import type { Language, ServicesMapRow } from "../../api/types";
import { enc } from "../../api/endpoints";

/** A line of the map with its free places: what is there, less what is taken, never below 0. */
export type MapLine = ServicesMapRow & { free: number };

/** One community (or a territory above communities) and its lines, one per service type. */
export interface MapArea {
  code: string;
  name: string;
  lines: MapLine[];
}

export function placesFree(row: Pick<ServicesMapRow, "places" | "places_used">): number {
  return Math.max(0, row.places - row.places_used);
}

export function mapLine(row: ServicesMapRow): MapLine {
  return { ...row, free: placesFree(row) };
}

/** The rows grouped by area, the areas and the types within each in the order the server gave. */
export function mapAreas(rows: readonly ServicesMapRow[]): MapArea[] {
  const areas = new Map<string, MapArea>();
  for (const row of rows) {
    const code = row.area_code ?? "";
    let area = areas.get(code);
    if (!area) {
      area = { code, name: row.area_name ?? code, lines: [] };
      areas.set(code, area);
    }
    area.lines.push(mapLine(row));
  }
  return [...areas.values()];
}

/** Every type together: the sums, and the longest wait of all (null when nobody waits). */
export function grandTotal(totals: readonly ServicesMapRow[]): Omit<MapLine, "type" | "area_code" | "area_name"> {
  const sum = (pick: (row: ServicesMapRow) => number) => totals.reduce((total, row) => total + pick(row), 0);
  const waits = totals.map((row) => row.longest_wait_days).filter((days): days is number => days !== null);
  const places = sum((row) => row.places);
  const used = sum((row) => row.places_used);
  return {
    services: sum((row) => row.services),
    places,
    places_used: used,
    free: totals.reduce((total, row) => total + placesFree(row), 0),
    waiting: sum((row) => row.waiting),
    longest_wait_days: waits.length ? Math.max(...waits) : null,
  };
}

/** The address of a community's public directory, in `language` (a page the server renders). */
export function publicPageHref(code: string, language: Language): string {
  return `/directory/${enc(code)}?lang=${encodeURIComponent(language)}`;
}

/**
 * The community whose public page the services list offers: the territory chosen when it is a
 * community; with none chosen, the user's home territory when it is one; else none (a district
 * or a region has no public page).
 */
export function publicPageCommunity<T extends { level?: string }>(chosen: T | null, home: T | null): T | null {
  if (chosen) return chosen.level === "community" ? chosen : null;
  return home && home.level === "community" ? home : null;
}
