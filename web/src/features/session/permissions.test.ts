import { describe, expect, it } from "vitest";
import { permissionsOf } from "./permissions";

const catalogue = [
  { role: "administrator", permissions: ["territory.read", "territory.write", "user.read", "user.write", "audit.read"] },
  { role: "social_worker", permissions: ["territory.read", "person.read", "person.write"] },
  { role: "auditor", permissions: ["territory.read", "audit.read"] },
];

describe("permissionsOf", () => {
  it("unites the permissions of all the user's roles", () => {
    const user = {
      roles: [
        { role: "social_worker", territory_code: "RO:1017" },
        { role: "auditor", territory_code: "RO" },
      ],
    };
    expect([...permissionsOf(user, catalogue)].sort()).toEqual(["audit.read", "person.read", "person.write", "territory.read"]);
  });
  it("gives a social worker no administration permission", () => {
    const p = permissionsOf({ roles: [{ role: "social_worker", territory_code: "RO:1017" }] }, catalogue);
    expect(p.has("territory.write") || p.has("user.read") || p.has("audit.read")).toBe(false);
  });
  it("ignores roles the catalogue does not know", () => {
    expect(permissionsOf({ roles: [{ role: "ghost", territory_code: "RO" }] }, catalogue).size).toBe(0);
  });
});
