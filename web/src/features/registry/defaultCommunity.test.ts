import { describe, expect, it } from "vitest";
import { singleRoleTerritory } from "./defaultCommunity";

const grant = (territory_code: string) => ({ role: "social_worker" as const, territory_code, territory_name: "x" });

describe("singleRoleTerritory", () => {
  it("is the territory when every role is over it", () => {
    expect(singleRoleTerritory({ roles: [grant("RO:1017"), { ...grant("RO:1017"), role: "head_of_service" as const }] })).toBe(
      "RO:1017",
    );
  });
  it("is null with several territories or none", () => {
    expect(singleRoleTerritory({ roles: [grant("RO:1017"), grant("RO:1213")] })).toBeNull();
    expect(singleRoleTerritory({ roles: [] })).toBeNull();
    expect(singleRoleTerritory(null)).toBeNull();
  });
});
