import { describe, expect, it } from "vitest";
import { AUDIT_ACTIONS, auditRecordPath, recordPagePermission } from "./actions";

describe("audit actions", () => {
  it("offers the registry's actions, above all who read a person", () => {
    for (const action of ["person.read", "person.create", "household.create", "person.import"]) {
      expect(AUDIT_ACTIONS).toContain(action);
    }
    expect(new Set(AUDIT_ACTIONS).size).toBe(AUDIT_ACTIONS.length);
  });
  it("links each kind of record to its page", () => {
    expect(auditRecordPath({ entity_type: "person", entity_id: "P1", territory_code: null })).toBe("/registry/persons/P1");
    expect(auditRecordPath({ entity_type: "user", entity_id: "U 1", territory_code: null })).toBe("/admin/users/U%201");
    expect(auditRecordPath({ entity_type: "territory", entity_id: "T", territory_code: "RO:10" })).toBe(
      "/admin/territories?parent=RO%3A10",
    );
    expect(auditRecordPath({ entity_type: "case", entity_id: "C1", territory_code: null })).toBe("/cases/C1");
    expect(auditRecordPath({ entity_type: "service", entity_id: "S1", territory_code: null })).toBe("/services/S1");
    expect(auditRecordPath({ entity_type: "provider", entity_id: "P1", territory_code: null })).toBe("/providers/P1");
    expect(auditRecordPath({ entity_type: "enrolment", entity_id: "E1", territory_code: null })).toBeNull();
    expect(auditRecordPath({ entity_type: "import", entity_id: "J", territory_code: null })).toBeNull();
  });

  it("names the permission that opens each record's page, none for records without one", () => {
    expect(recordPagePermission("user")).toBe("user.read");
    expect(recordPagePermission("person")).toBe("person.read");
    expect(recordPagePermission("household")).toBe("person.read");
    expect(recordPagePermission("territory")).toBe("territory.read");
    expect(recordPagePermission("case")).toBe("case.read");
    expect(recordPagePermission("service")).toBe("service.read");
    expect(recordPagePermission("contact")).toBeNull();
    expect(recordPagePermission("person_import")).toBeNull();
  });
});
