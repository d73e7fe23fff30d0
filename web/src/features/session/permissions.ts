import type { RolePermissions, User } from "../../api/types";

/** Union of the permissions of every role the user holds, per GET /api/v1/roles. */
export function permissionsOf(user: Pick<User, "roles">, catalogue: readonly RolePermissions[]): Set<string> {
  const byRole = new Map(catalogue.map((entry) => [entry.role, entry.permissions]));
  const result = new Set<string>();
  for (const assignment of user.roles) {
    for (const permission of byRole.get(assignment.role) ?? []) result.add(permission);
  }
  return result;
}

export const ADMIN_PERMISSIONS = ["territory.write", "user.read", "audit.read"] as const;
