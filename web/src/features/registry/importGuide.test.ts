import { describe, expect, it } from "vitest";
import { IMPORT_FIELDS, parseHeader } from "./csvImport";
import { importColumns, sampleCsv } from "./importGuide";

describe("import guide", () => {
  it("lists every column the import knows, the names and the place required", () => {
    const columns = importColumns("ro", "RO:1017");
    expect(columns.map((c) => c.field)).toEqual([...IMPORT_FIELDS]);
    const required = columns.filter((c) => c.requirement === "required").map((c) => c.field);
    expect(required).toEqual(["given_name", "family_name"]);
    expect(columns.find((c) => c.field === "community_code")).toMatchObject({ requirement: "oneOfPlace", example: "RO:1017" });
    expect(columns.find((c) => c.field === "relationship_to_head")?.requirement).toBe("withHousehold");
  });

  it("writes a sample the import reads back: every column, a head and a child of one household", () => {
    const text = sampleCsv("uk", "UA:0001", ";");
    expect(text.startsWith("\uFEFF")).toBe(true);
    expect(parseHeader(text, true)).toEqual({ delimiter: ";", columns: [...IMPORT_FIELDS] });
    const [, head, child] = text.replace(/^\uFEFF/, "").trimEnd().split("\r\n");
    const cells = (line: string) => line.split(";");
    expect(cells(head)).toHaveLength(IMPORT_FIELDS.length);
    expect(cells(head)[IMPORT_FIELDS.indexOf("family_name")]).toBe("Бондаренко");
    expect(cells(head)[IMPORT_FIELDS.indexOf("relationship_to_head")]).toBe("head");
    expect(cells(child)[IMPORT_FIELDS.indexOf("relationship_to_head")]).toBe("child");
    expect(cells(child)[IMPORT_FIELDS.indexOf("community_code")]).toBe("UA:0001");
    // A comma-separated sample quotes the cells that hold a comma (a Ukrainian street address).
    expect(sampleCsv("uk", "UA:0001", ",")).toContain('"вул. Шевченка, 1"');
  });
});
