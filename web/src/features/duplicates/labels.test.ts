import { describe, expect, it } from "vitest";
import { translate } from "../../i18n/i18n";
import type { RolePermissions } from "../../api/types";
import { DuplicateLabels, defaultDuplicatesTerritory, formatWeight, movedEntries, weightBarPercent } from "./labels";

const t = (key: Parameters<typeof translate>[1], values?: Record<string, string | number>) => translate("en", key, values);

describe("formatWeight", () => {
  it("gives positive weights a plus and negative ones a minus, with one decimal", () => {
    expect(formatWeight(3.21, "en")).toBe("+3.2");
    expect(formatWeight(-1.5, "en")).toMatch(/^[-−]1\.5$/);
    expect(formatWeight(0, "en")).toBe("0.0");
    expect(formatWeight(2.25, "ro")).toMatch(/^\+2,[23]$/);
  });
});

describe("weightBarPercent", () => {
  it("scales to the widest weight of the pair, whatever its sign", () => {
    expect(weightBarPercent(4, [4, -8, 1])).toBe(50);
    expect(weightBarPercent(-8, [4, -8, 1])).toBe(100);
    expect(weightBarPercent(0, [0, 0])).toBe(0);
  });
});

describe("movedEntries", () => {
  it("lists what moved in a fixed order, leaving out what did not", () => {
    expect(
      movedEntries({ identifiers: 1, households: 0, cases: 2, contacts: 0, assessments: 0, enrolments: 0, applications: 0, payments: 3 }),
    ).toEqual([
      ["identifiers", 1],
      ["cases", 2],
      ["payments", 3],
    ]);
  });

  it("reads a record's attached counts, which name no identifiers or households", () => {
    expect(movedEntries({ cases: 0, contacts: 4, assessments: 0, enrolments: 1, applications: 0, payments: 0 })).toEqual([
      ["contacts", 4],
      ["enrolments", 1],
    ]);
  });
});

describe("DuplicateLabels", () => {
  it("names the merge's fields, identifiers with their scheme", () => {
    expect(DuplicateLabels.mergeField("phone", t)).toBe("Phone");
    expect(DuplicateLabels.mergeField("identifier:UA-RNOKPP", t)).toBe("Identifier UA-RNOKPP");
    expect(DuplicateLabels.level("one_part", t)).not.toBe("one_part");
  });
});

describe("defaultDuplicatesTerritory", () => {
  const roles: RolePermissions[] = [
    { role: "social_worker", permissions: ["person.read"] },
    { role: "head_of_service", permissions: ["person.read", "person.merge"] },
  ] as RolePermissions[];

  it("opens on the territory of the role that may merge", () => {
    const user = {
      home_territory_code: "RO:1",
      home_territory_name: "Home",
      roles: [
        { role: "social_worker" as const, territory_code: "RO:2", territory_name: "Work" },
        { role: "head_of_service" as const, territory_code: "RO:3", territory_name: "Service" },
      ],
    };
    expect(defaultDuplicatesTerritory(user, roles)).toEqual({ code: "RO:3", name: "Service" });
  });

  it("falls back to the home territory", () => {
    const user = { home_territory_code: "RO:1", home_territory_name: "Home", roles: [] };
    expect(defaultDuplicatesTerritory(user, roles)).toEqual({ code: "RO:1", name: "Home" });
    expect(defaultDuplicatesTerritory(null, roles)).toBeNull();
  });
});
