import type { AuditAction, PermissionName } from "../../../api/types";

/**
 * Every action the server writes to the audit log, offered as a filter. The same list as
 * src/auth/audit.h (kAuditActions) and docs/openapi.yaml (AuditAction):
 * tests/api/audit_actions.test.js fails when they differ, and the compiler when an entry is
 * not an AuditAction or an AuditAction is missing.
 */
export const AUDIT_ACTIONS = [
  "session.login",
  "session.login_failed",
  "session.logout",
  "user.password_change",
  "user.create",
  "user.update",
  "user.password_reset",
  "territory.create",
  "territory.update",
  "territory.import",
  "person.read",
  "person.create",
  "person.update",
  "person.import",
  "person.household_join",
  "person.household_leave",
  "household.create",
  "household.update",
  "system.bootstrap_admin",
  "case.read",
  "case.create",
  "case.update",
  "case.state_change",
  "case.closure_decision",
  "case.reassign",
  "case.note",
  "case.plan_change",
  "case.referral",
  "contact.create",
  "contact.update",
  "case_settings.update",
  "case.transfer",
  "questionnaire.create",
  "assessment.read",
  "assessment.create",
  "assessment.update",
  "assessment.finish",
  "provider.create",
  "provider.update",
  "service.create",
  "service.update",
  "enrolment.create",
  "enrolment.state_change",
  "help_request.create",
  "help_request.resolve",
  "provider.staff_add",
  "provider.staff_remove",
  "enrolment.staff_read",
  "attendance.record",
  "programme.create",
  "programme.update",
  "programme.budget_update",
  "programme.preview",
  "benefit.eligibility_check",
  "application.create",
  "application.read",
  "application.update",
  "application.withdraw",
  "decision.create",
  "decision.state_change",
  "payment_list.create",
  "payment_list.read",
  "payment_list.export",
  "payment_list.confirm",
  "card.issue",
  "card.revoke",
  "card.print",
  "report.drill_down",
  "report.export",
  "report.dhis2_export",
  "report.mapping_update",
  "person.merge",
  "person.unmerge",
  "duplicate.not_same",
  "duplicate.reopen",
  "dedup.run",
] as const satisfies readonly AuditAction[];

// Fails to compile when the contract gains an action this list lacks.
type Missing = Exclude<AuditAction, (typeof AUDIT_ACTIONS)[number]>;
const everyActionListed: [Missing] extends [never] ? true : Missing = true;
void everyActionListed;

/** The permission that opens the page of a record of this type (an auditor may lack it). */
export function recordPagePermission(entityType: string): PermissionName | null {
  switch (entityType) {
    case "user":
      return "user.read";
    case "person":
    case "household":
      return "person.read";
    case "territory":
      return "territory.read";
    case "case":
      return "case.read";
    case "assessment":
      return "assessment.read";
    case "provider":
    case "service":
      return "service.read";
    case "programme":
    case "application":
    case "decision":
      return "benefit.read";
    default:
      return null;
  }
}

/** Where the record of an audit entry is shown in the app, if it has a page. */
export function auditRecordPath(entry: {
  entity_type: string;
  entity_id: string | null;
  territory_code: string | null;
}): string | null {
  const id = entry.entity_id;
  switch (entry.entity_type) {
    case "user":
      return id ? `/admin/users/${encodeURIComponent(id)}` : null;
    case "person":
      return id ? `/registry/persons/${encodeURIComponent(id)}` : null;
    case "household":
      return id ? `/registry/households/${encodeURIComponent(id)}` : null;
    case "case":
      return id ? `/cases/${encodeURIComponent(id)}` : null;
    case "assessment":
      return id ? `/assessments/${encodeURIComponent(id)}` : null;
    case "provider":
      return id ? `/providers/${encodeURIComponent(id)}` : null;
    case "service":
      return id ? `/services/${encodeURIComponent(id)}` : null;
    case "programme":
      return id ? `/benefits/programmes/${encodeURIComponent(id)}` : null;
    case "application":
      return id ? `/benefits/applications/${encodeURIComponent(id)}` : null;
    case "decision":
      return id ? `/benefits/decisions/${encodeURIComponent(id)}` : null;
    case "payment_list":
      return id ? `/benefits/payments/${encodeURIComponent(id)}` : null;
    case "territory":
      return entry.territory_code ? `/admin/territories?parent=${encodeURIComponent(entry.territory_code)}` : null;
    default:
      return null;
  }
}
