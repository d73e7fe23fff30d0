import { describe, expect, it } from "vitest";
import type { RolePermissions, User } from "../../api/types";
import { permissionsOf } from "./permissions";

const catalogue: RolePermissions[] = [
  { role: "administrator", permissions: ["territory.read", "territory.write", "user.read", "user.write", "audit.read"] },
  { role: "social_worker", permissions: ["territory.read", "person.read", "person.write"] },
  { role: "auditor", permissions: ["territory.read", "audit.read"] },
];

describe("permissionsOf", () => {
  it("unites the permissions of all the user's roles", () => {
    const user: Pick<User, "roles"> = {
      roles: [
        { role: "social_worker", territory_code: "RO:1017", territory_name: "Municipiul Alba Iulia" },
        { role: "auditor", territory_code: "RO", territory_name: "România" },
      ],
    };
    expect([...permissionsOf(user, catalogue)].sort()).toEqual(["audit.read", "person.read", "person.write", "territory.read"]);
  });
  it("gives a social worker no administration permission", () => {
    const p = permissionsOf(
      { roles: [{ role: "social_worker", territory_code: "RO:1017", territory_name: "Municipiul Alba Iulia" }] },
      catalogue,
    );
    expect(p.has("territory.write") || p.has("user.read") || p.has("audit.read")).toBe(false);
  });
  it("ignores roles the catalogue does not know", () => {
    const analyst = { role: "analyst", territory_code: "RO", territory_name: "România" } as const;
    expect(permissionsOf({ roles: [analyst] }, catalogue).size).toBe(0);
  });
});
