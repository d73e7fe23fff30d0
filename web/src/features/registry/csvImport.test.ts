import { describe, expect, it } from "vitest";
import {
  IMPORT_FIELDS,
  mappingFor,
  mappingProblems,
  parseHeader,
  readHeader,
  reportCsv,
  spreadsheetDelimiter,
  suggestChoices,
} from "./csvImport";

describe("parseHeader", () => {
  it("strips the BOM, trims names and picks the delimiter used more often", () => {
    expect(parseHeader("\uFEFFgiven_name; family_name ;birth_date\r\nA;B;C\r\n", false)).toEqual({
      delimiter: ";",
      columns: ["given_name", "family_name", "birth_date"],
    });
    expect(parseHeader("a,b;c\n", false)?.delimiter).toBe(",");
    expect(parseHeader("a;b,c\n", false)?.delimiter).toBe(",");
  });

  it("honours quotes: delimiters, doubled quotes and line breaks inside", () => {
    expect(parseHeader('"Nume, de familie","Prenume ""zis""","Adresa\npoștală"\nx,y,z', false)?.columns).toEqual([
      "Nume, de familie",
      'Prenume "zis"',
      "Adresa\npoștală",
    ]);
  });

  it("waits for more text unless the file is complete", () => {
    expect(parseHeader("given_name,fam", false)).toBeNull();
    expect(parseHeader("given_name,family_name", true)?.columns).toEqual(["given_name", "family_name"]);
  });
});

describe("readHeader", () => {
  it("reads only as many slices as it needs", async () => {
    const header = "Прізвище;Ім'я;Дата народження";
    const file = new Blob([`${header}\n${"x;y;z\n".repeat(1000)}`]);
    expect((await readHeader(file, 8)).columns).toEqual(["Прізвище", "Ім'я", "Дата народження"]);
  });
});

describe("column mapping", () => {
  it("suggests the field a header names, ignoring unknown and repeated columns", () => {
    expect(suggestChoices(["Given_Name", "family_name", "Nume", "family_name"])).toEqual([
      "given_name",
      "family_name",
      "ignore",
      "ignore",
    ]);
  });

  it("finds missing names and fields fed by two columns", () => {
    expect(mappingProblems(["given_name", "ignore"])).toEqual([{ kind: "missing", field: "family_name" }]);
    expect(mappingProblems(["given_name", "family_name", "phone", "phone"])).toEqual([
      { kind: "duplicate", field: "phone", columns: [2, 3] },
    ]);
    expect(mappingProblems(["given_name", "family_name"])).toEqual([]);
  });

  it("maps only columns whose choice differs from their header name", () => {
    expect(
      mappingFor(["Prenume", "family_name", "Telefon", "phone"], ["given_name", "family_name", "ignore", "ignore"]),
    ).toEqual({ Prenume: "given_name", Telefon: "ignore", phone: "ignore" });
  });
});

describe("reportCsv", () => {
  it("quotes cells with delimiters, quotes and line breaks, and starts with a BOM", () => {
    const text = reportCsv(
      ["Row", "Person", "Field", "Severity", "Code", "Message"],
      [
        { row: 3, person: "Pop Ana", field: "birth_date", code: "person.invalid_birth_date", severity: "error", message: 'Bad "date", fix it' },
        { row: 0, field: "", code: "import.store_failed", severity: "error", message: "Run it again" },
        { row: 4, person: '=HYPERLINK("http://x")', field: "", code: "person.empty_name", severity: "error", message: "-" },
      ],
    );
    expect(text).toBe(
      '\uFEFFRow,Person,Field,Severity,Code,Message\r\n3,Pop Ana,birth_date,error,person.invalid_birth_date,"Bad ""date"", fix it"\r\n' +
        "0,,,error,import.store_failed,Run it again\r\n" +
        // A name from the file that a spreadsheet would run as a formula stays text.
        `4,"'=HYPERLINK(""http://x"")",,error,person.empty_name,'-\r\n`,
    );
  });
});

describe("spreadsheetDelimiter", () => {
  it("is a semicolon where the decimal separator is a comma", () => {
    expect(spreadsheetDelimiter("ro-RO")).toBe(";");
    expect(spreadsheetDelimiter("uk-UA")).toBe(";");
    expect(spreadsheetDelimiter("en-GB")).toBe(",");
    expect(reportCsv(["Rând", "Câmp"], [], ";")).toBe("\uFEFFRând;Câmp\r\n");
  });
});

describe("IMPORT_FIELDS", () => {
  it("lists the fields the server's CSV reader knows, in its order", async () => {
    // The server's list (src/registry/import_csv.cc) is the authority: a field added there and
    // not here could not be chosen in the column mapping.
    const { readFile } = await import("node:fs/promises");
    const source = await readFile(new URL("../../../../src/registry/import_csv.cc", import.meta.url), "utf8");
    const list = /kFieldNames = \{([^}]*)\}/.exec(source);
    expect(list, "kFieldNames in import_csv.cc").not.toBeNull();
    const serverFields = [...list![1].matchAll(/"([a-z_]+)"/g)].map((match) => match[1]);
    expect(serverFields).toEqual([...IMPORT_FIELDS, "ignore"]);
  });
});
