import type { MessageKey, Translate } from "../../../i18n/i18n";

const KNOWN_ROLES = [
  "administrator",
  "head_of_service",
  "social_worker",
  "benefits_officer",
  "commission_member",
  "provider_staff",
  "analyst",
  "auditor",
] as const;

/** Translated role names; a role the UI does not know yet is shown by its code. */
export const RoleName = {
  known: KNOWN_ROLES,
  text(role: string, t: Translate): string {
    return (KNOWN_ROLES as readonly string[]).includes(role) ? t(`role.${role}` as MessageKey) : role;
  },
};
