import { describe, expect, it } from "vitest";
import type { Person } from "../../api/types";
import { createBody, emptyPersonForm, newIdentifierRow, patchBody, personFormOf } from "./personForm";

const person: Person = {
  id: "p1",
  version: 3,
  given_name: "Ольга",
  family_name: "Поліщук",
  patronymic: null,
  birth_date: "1984-03-07",
  sex: "female",
  identifiers: [],
  community_code: "RO:1017",
  community_name: "Municipiul Alba Iulia",
  settlement_code: null,
  settlement_name: null,
  address: null,
  phone: "+40 123 456",
  languages: ["uk"],
  disability_degree: null,
  notes: null,
  household_id: null,
  age: 42,
  created_at: "",
  updated_at: "",
};

describe("person form", () => {
  it("creates with the fields that have a value, trimmed, blank identifier rows dropped", () => {
    const state = {
      ...emptyPersonForm(),
      given_name: " Ольга ",
      family_name: "Поліщук",
      identifiers: [newIdentifierRow(), newIdentifierRow("UA-RNOKPP", " 3012345678 ")],
      community: { code: "RO:1017", name: "Alba Iulia" },
      languages: ["uk", "ru"],
    };
    expect(createBody(state)).toEqual({
      given_name: "Ольга",
      family_name: "Поліщук",
      identifiers: [{ scheme: "UA-RNOKPP", value: "3012345678" }],
      community_code: "RO:1017",
      languages: ["uk", "ru"],
    });
  });

  it("patches only what changed, clearing with null", () => {
    const state = { ...personFormOf(person), phone: "", address: "str. Unirii 3", languages: ["uk", "ro"] };
    expect(patchBody(person, state)).toEqual({ phone: null, address: "str. Unirii 3", languages: ["uk", "ro"] });
    expect(patchBody(person, personFormOf(person))).toEqual({});
  });
});
