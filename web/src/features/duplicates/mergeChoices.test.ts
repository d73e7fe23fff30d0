import { describe, expect, it } from "vitest";
import {
  chosenSide,
  defaultChoice,
  fieldRows,
  keepFromSurvivor,
  missingChoices,
  needsChoice,
  takeFromMerged,
  valueOf,
  type FieldRow,
  type MergePerson,
} from "./mergeChoices";

function person(fields: Partial<MergePerson> = {}): MergePerson {
  return {
    given_name: "Ольга",
    family_name: "Поліщук",
    patronymic: null,
    birth_date: "1984-03-07",
    sex: "female",
    community_code: "UA:1",
    settlement_code: null,
    address: null,
    phone: null,
    languages: [],
    disability_degree: null,
    notes: null,
    identifiers: [],
    ...fields,
  };
}

const row = (rows: FieldRow[], field: string) => rows.find((r) => r.field === field)!;

describe("fieldRows", () => {
  it("lists the fields in the form's order, then each identifier scheme either record holds", () => {
    const rows = fieldRows(
      person({ identifiers: [{ scheme: "UA-RNOKPP", value: "3083105678" }] }),
      person({ identifiers: [{ scheme: "UA-UNZR", value: "19840307-01234" }] }),
    );
    expect(rows.map((r) => r.field)).toEqual([
      "given_name",
      "family_name",
      "patronymic",
      "birth_date",
      "sex",
      "settlement",
      "address",
      "phone",
      "languages",
      "disability_degree",
      "notes",
      "identifier:UA-RNOKPP",
      "identifier:UA-UNZR",
    ]);
  });

  it("offers no choice where both records agree", () => {
    const rows = fieldRows(person({ languages: ["uk", "ru"] }), person({ languages: ["ru", "uk"] }));
    expect(row(rows, "languages").same).toBe(true);
    expect(row(rows, "birth_date").choosable).toBe(false);
    expect(row(rows, "address")).toMatchObject({ a: "", b: "", same: true, choosable: false });
  });

  it("offers a choice where they differ", () => {
    const rows = fieldRows(person(), person({ given_name: "Olha", family_name: "Polishchuk", phone: "+380 44 1" }));
    expect(row(rows, "given_name")).toMatchObject({ a: "Ольга", b: "Olha", choosable: true });
    expect(row(rows, "phone")).toMatchObject({ a: "", b: "+380 44 1", choosable: true });
  });

  it("compares community and settlement together", () => {
    const rows = fieldRows(person({ settlement_code: "UA:1:2" }), person());
    expect(row(rows, "settlement")).toMatchObject({ a: "UA:1|UA:1:2", b: "UA:1|", choosable: true });
  });

  it("offers a choice of identifier only when both records hold a different one of the scheme", () => {
    const rows = fieldRows(
      person({
        identifiers: [
          { scheme: "UA-RNOKPP", value: "3083105678" },
          { scheme: "MD-IDNP", value: "2000000000001" },
        ],
      }),
      person({
        identifiers: [
          { scheme: "UA-RNOKPP", value: "3083105679" },
          { scheme: "MD-IDNP", value: "2000000000001" },
          { scheme: "UA-UNZR", value: "19840307-01234" },
        ],
      }),
    );
    expect(row(rows, "identifier:UA-RNOKPP").choosable).toBe(true);
    expect(row(rows, "identifier:MD-IDNP")).toMatchObject({ same: true, choosable: false });
    expect(row(rows, "identifier:UA-UNZR")).toMatchObject({ same: false, choosable: false });
  });
});

describe("valueOf", () => {
  it("trims text and reads an absent value as empty", () => {
    expect(valueOf(person({ address: "  Str. Unirii 5 " }), "address")).toBe("Str. Unirii 5");
    expect(valueOf(person(), "identifier:LT-AK")).toBe("");
  });
});

describe("default choices", () => {
  const rows = fieldRows(
    person({ phone: "+380 1", address: null, notes: "a" }),
    person({ phone: "+380 2", address: "Kyiv", notes: "b" }),
  );

  it("keeps the survivor's value", () => {
    expect(defaultChoice(row(rows, "phone"), "a")).toBe("a");
    expect(defaultChoice(row(rows, "phone"), "b")).toBe("b");
  });

  it("takes the other record's value when the survivor has none", () => {
    expect(defaultChoice(row(rows, "address"), "a")).toBe("b");
    expect(defaultChoice(row(rows, "address"), "b")).toBe("b");
  });

  it("takes nothing from the merged record by default but what the survivor lacks", () => {
    expect(takeFromMerged(rows, "a", {})).toEqual(["address"]);
    expect(takeFromMerged(rows, "b", {})).toEqual([]);
  });
});

describe("takeFromMerged", () => {
  const rows = fieldRows(
    person({ phone: "+380 1", identifiers: [{ scheme: "UA-RNOKPP", value: "3083105678" }] }),
    person({
      given_name: "Olha",
      phone: "+380 2",
      identifiers: [
        { scheme: "UA-RNOKPP", value: "3083105679" },
        { scheme: "UA-UNZR", value: "19840307-01234" },
      ],
    }),
  );

  it("lists the fields whose chosen value is the merged record's, in the rows' order", () => {
    expect(takeFromMerged(rows, "a", { phone: "b", given_name: "b", "identifier:UA-RNOKPP": "b" })).toEqual([
      "given_name",
      "phone",
      "identifier:UA-RNOKPP",
    ]);
  });

  it("names the older record's values when the newer one survives", () => {
    expect(takeFromMerged(rows, "b", { phone: "a", given_name: "b" })).toEqual(["phone"]);
  });

  it("never lists a row without a choice", () => {
    expect(takeFromMerged(rows, "a", { "identifier:UA-UNZR": "b", sex: "b" })).toEqual([]);
    expect(chosenSide(row(rows, "identifier:UA-UNZR"), "a", { "identifier:UA-UNZR": "b" })).toBe("a");
  });
});

describe("identifiers both records hold differently", () => {
  const rows = fieldRows(
    person({ phone: "+380 1", identifiers: [{ scheme: "UA-RNOKPP", value: "3083105678" }] }),
    person({ phone: "+380 2", identifiers: [{ scheme: "UA-RNOKPP", value: "3083105679" }] }),
  );
  const identifier = row(rows, "identifier:UA-RNOKPP");

  it("need the reviewer's choice: nothing is proposed", () => {
    expect(needsChoice(identifier)).toBe(true);
    expect(needsChoice(row(rows, "phone"))).toBe(false);
    expect(chosenSide(identifier, "a", {})).toBeNull();
    expect(missingChoices(rows, [], {})).toEqual(["identifier:UA-RNOKPP"]);
    expect(missingChoices(rows, [], { "identifier:UA-RNOKPP": "a" })).toEqual([]);
  });

  it("go to take_from_merged or keep_from_survivor as chosen", () => {
    expect(takeFromMerged(rows, "a", { "identifier:UA-RNOKPP": "b" })).toEqual(["identifier:UA-RNOKPP"]);
    expect(keepFromSurvivor(rows, "a", { "identifier:UA-RNOKPP": "b" })).toEqual([]);
    expect(takeFromMerged(rows, "a", { "identifier:UA-RNOKPP": "a" })).toEqual([]);
    expect(keepFromSurvivor(rows, "a", { "identifier:UA-RNOKPP": "a" })).toEqual(["identifier:UA-RNOKPP"]);
    expect(keepFromSurvivor(rows, "b", { "identifier:UA-RNOKPP": "b" })).toEqual(["identifier:UA-RNOKPP"]);
    expect(keepFromSurvivor(rows, "a", {})).toEqual([]);
  });

  it("never list a field the reviewer did not have to choose", () => {
    expect(keepFromSurvivor(rows, "a", { phone: "a" })).toEqual([]);
  });
});

describe("missingChoices", () => {
  const rows = fieldRows(person({ phone: "+380 1" }), person({ phone: "+380 2" }));

  it("names a field the server said must be chosen until the reviewer chooses", () => {
    expect(missingChoices(rows, [], {})).toEqual([]);
    expect(missingChoices(rows, ["phone"], {})).toEqual(["phone"]);
    expect(missingChoices(rows, ["phone"], { phone: "b" })).toEqual([]);
  });
});
