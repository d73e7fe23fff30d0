import { describe, expect, it } from "vitest";
import type { ServicesMapRow } from "../../api/types";
import { grandTotal, mapAreas, placesFree, publicPageCommunity, publicPageHref } from "./servicesMap";

const row = (over: Partial<ServicesMapRow>): ServicesMapRow => ({
  type: "social_canteen",
  services: 1,
  places: 10,
  places_used: 4,
  waiting: 0,
  longest_wait_days: null,
  ...over,
});

describe("placesFree", () => {
  it("is what is there less what is taken, never below nothing", () => {
    expect(placesFree({ places: 10, places_used: 4 })).toBe(6);
    expect(placesFree({ places: 3, places_used: 3 })).toBe(0);
    expect(placesFree({ places: 2, places_used: 5 })).toBe(0);
  });
});

describe("mapAreas", () => {
  it("groups the rows by community in the server's order, each line with its free places", () => {
    const areas = mapAreas([
      row({ area_code: "RO:1017", area_name: "Alba Iulia", type: "day_centre", places: 20, places_used: 20, waiting: 3, longest_wait_days: 40 }),
      row({ area_code: "RO:1018", area_name: "Sebeș" }),
      row({ area_code: "RO:1017", area_name: "Alba Iulia", type: "social_canteen", places: 40, places_used: 12 }),
    ]);
    expect(areas.map((area) => [area.code, area.name, area.lines.map((line) => [line.type, line.free])])).toEqual([
      ["RO:1017", "Alba Iulia", [["day_centre", 0], ["social_canteen", 28]]],
      ["RO:1018", "Sebeș", [["social_canteen", 6]]],
    ]);
  });

  it("is empty for a territory without services", () => {
    expect(mapAreas([])).toEqual([]);
  });
});

describe("grandTotal", () => {
  it("adds every type up and keeps the longest wait", () => {
    expect(
      grandTotal([
        row({ type: "day_centre", services: 2, places: 20, places_used: 20, waiting: 3, longest_wait_days: 40 }),
        row({ type: "social_canteen", services: 1, places: 40, places_used: 12, waiting: 1, longest_wait_days: 7 }),
        row({ type: "home_care", services: 1, places: 5, places_used: 6 }),
      ]),
    ).toEqual({ services: 4, places: 65, places_used: 38, free: 28, waiting: 4, longest_wait_days: 40 });
  });

  it("has no longest wait when nobody waits", () => {
    expect(grandTotal([row({})]).longest_wait_days).toBeNull();
    expect(grandTotal([])).toEqual({ services: 0, places: 0, places_used: 0, free: 0, waiting: 0, longest_wait_days: null });
  });
});

describe("publicPageHref", () => {
  it("opens the community's directory in the user's language", () => {
    expect(publicPageHref("RO:1017", "ro")).toBe("/directory/RO:1017?lang=ro");
    expect(publicPageHref("UA:UA 01/02", "uk")).toBe("/directory/UA:UA%2001%2F02?lang=uk");
  });
});

describe("publicPageCommunity", () => {
  const community = { code: "RO:1017", level: "community" };
  const region = { code: "RO:10", level: "region" };
  const home = { code: "RO:1018", level: "community" };

  it("is the community chosen", () => {
    expect(publicPageCommunity(community, home)).toBe(community);
  });

  it("is none when a territory above communities is chosen", () => {
    expect(publicPageCommunity(region, home)).toBeNull();
  });

  it("is the home community when nothing is chosen, and only a community", () => {
    expect(publicPageCommunity(null, home)).toBe(home);
    expect(publicPageCommunity(null, region)).toBeNull();
    expect(publicPageCommunity(null, null)).toBeNull();
  });
});
