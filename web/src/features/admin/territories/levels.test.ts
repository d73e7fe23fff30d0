import { describe, expect, it } from "vitest";
import type { Territory } from "../../../api/types";
import { ancestorsOf, childLevels, codePrefix } from "./levels";

function territory(code: string, parent_code: string | null, level: Territory["level"]): Territory {
  return { id: code, code, name: code, name_latin: null, level, parent_code, path: code, ancestors: [], version: 1 };
}

describe("territory levels", () => {
  it("offers only lower levels for a child", () => {
    expect(childLevels("region")).toEqual(["district", "community", "settlement"]);
    expect(childLevels("settlement")).toEqual([]);
  });

  it("derives the country prefix of codes", () => {
    expect(codePrefix("RO:1017")).toBe("RO:");
    expect(codePrefix("UA")).toBe("UA:");
  });

  it("walks ancestors top-down and stops where the scope ends", async () => {
    const all = new Map([
      ["RO:10", territory("RO:10", "RO", "region")],
      ["RO:1017", territory("RO:1017", "RO:10", "community")],
    ]);
    const lookup = (code: string) => {
      const found = all.get(code);
      return found ? Promise.resolve(found) : Promise.reject(new Error("not found"));
    };
    const chain = await ancestorsOf(territory("RO:1026", "RO:1017", "settlement"), lookup);
    expect(chain.map((t) => t.code)).toEqual(["RO:10", "RO:1017"]);
  });
});
