import { describe, expect, it } from "vitest";
import { toAuditFilter } from "./AuditPage";

describe("toAuditFilter", () => {
  it("drops empty fields and trims text", () => {
    expect(toAuditFilter({ actor: "  admin ", action: "", entityType: "", from: "", to: "" })).toEqual({ actor: "admin" });
  });
  it("turns a date range into instants covering whole days", () => {
    const filter = toAuditFilter({ actor: "", action: "user.create", entityType: "user", from: "2026-11-01", to: "2026-11-01" });
    expect(filter.action).toBe("user.create");
    expect(filter.entity_type).toBe("user");
    // The local day in Bucharest (UTC+2 in November, the zone vite.config.ts pins), inclusive.
    expect(filter.from).toBe("2026-10-31T22:00:00.000Z");
    expect(filter.to).toBe("2026-11-01T21:59:59.999Z");
  });
});
