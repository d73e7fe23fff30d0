import { describe, expect, it } from "vitest";
import { followHome, newRoleRow } from "./RolesEditor";

describe("followHome", () => {
  const alba = { code: "RO:1017", name: "Alba Iulia" };
  const arad = { code: "RO:29", name: "Arad" };
  const olt = { code: "RO:289", name: "Olt" };
  it("gives rows without a territory, or with the old home, the new home", () => {
    const rows = [newRoleRow("social_worker"), newRoleRow("auditor", alba), newRoleRow("analyst", olt)];
    const after = followHome(rows, alba, arad);
    expect(after.map((row) => row.territory?.code)).toEqual(["RO:29", "RO:29", "RO:289"]);
  });
  it("fills the first row when the home is first picked", () => {
    expect(followHome([newRoleRow()], null, alba)[0].territory).toEqual(alba);
  });
});
