// What a person CSV may contain, shown before a file is chosen: each column the server knows
// (docs/registry-import.md), whether it is needed and an example, and a sample file to start
// from, written with the separator of the user's spreadsheets.
import type { Language } from "../../api/types";
import { IMPORT_FIELDS, csvCell, type ImportField } from "./csvImport";

export type ImportRequirement = "required" | "oneOfPlace" | "withHousehold" | "optional";

const REQUIREMENT: Record<ImportField, ImportRequirement> = {
  given_name: "required",
  family_name: "required",
  patronymic: "optional",
  birth_date: "optional",
  sex: "optional",
  identifier_scheme: "optional",
  identifier_value: "optional",
  community_code: "oneOfPlace",
  settlement_code: "oneOfPlace",
  address: "optional",
  phone: "optional",
  languages: "optional",
  disability_degree: "optional",
  notes: "optional",
  household_ref: "optional",
  relationship_to_head: "withHousehold",
};

/** Examples that read the same in every language (codes and formats the server accepts). */
const FORMAT: Partial<Record<ImportField, string>> = {
  birth_date: "1979-06-21 · 21.06.1979",
  sex: "female · male",
  identifier_scheme: "RO-CNP · MD-IDNP · UA-RNOKPP · UA-UNZR · MK-EMBG · LT-AK",
  languages: "ro|ru",
  disability_degree: "mild · moderate · severe · profound",
  household_ref: "H1",
  relationship_to_head: "head · spouse · child · parent · …",
};

interface SampleFamily {
  head: { given: string; family: string; sex: "female" | "male"; born: string };
  child: { given: string; family: string; sex: "female" | "male"; born: string };
  address: string;
  phone: string;
  languages: string;
}

/** A household of two in the names, address and phone numbers of each language's country
 * (phone numbers in their national form: a leading + would be a formula in a spreadsheet). */
const SAMPLE: Record<Language, SampleFamily> = {
  ro: {
    head: { given: "Maria", family: "Ionescu", sex: "female", born: "1979-06-21" },
    child: { given: "Mihai", family: "Ionescu", sex: "male", born: "2010-02-14" },
    address: "Str. Mare 1",
    phone: "0712 345 678",
    languages: "ro",
  },
  en: {
    head: { given: "Maria", family: "Ionescu", sex: "female", born: "1979-06-21" },
    child: { given: "Mihai", family: "Ionescu", sex: "male", born: "2010-02-14" },
    address: "Str. Mare 1",
    phone: "0712 345 678",
    languages: "ro",
  },
  uk: {
    head: { given: "Оксана", family: "Бондаренко", sex: "female", born: "1979-06-21" },
    child: { given: "Андрій", family: "Бондаренко", sex: "male", born: "2010-02-14" },
    address: "вул. Шевченка, 1",
    phone: "067 123 4567",
    languages: "uk|ru",
  },
  ru: {
    head: { given: "Анна", family: "Чебан", sex: "female", born: "1979-06-21" },
    child: { given: "Иван", family: "Чебан", sex: "male", born: "2010-02-14" },
    address: "ул. Пушкина, 1",
    phone: "069 123 456",
    languages: "ru|ro",
  },
  mk: {
    head: { given: "Марија", family: "Петровска", sex: "female", born: "1979-06-21" },
    child: { given: "Стефан", family: "Петровски", sex: "male", born: "2010-02-14" },
    address: "ул. Македонија 1",
    phone: "070 123 456",
    languages: "mk",
  },
  lt: {
    head: { given: "Ona", family: "Kazlauskienė", sex: "female", born: "1979-06-21" },
    child: { given: "Jonas", family: "Kazlauskas", sex: "male", born: "2010-02-14" },
    address: "Gedimino g. 1",
    phone: "8 612 34567",
    languages: "lt",
  },
};

export interface ImportColumnGuide {
  field: ImportField;
  requirement: ImportRequirement;
  example: string;
}

/** Every column the import knows, in the form's order, with what the sample file puts in it. */
export function importColumns(language: Language, communityCode: string): ImportColumnGuide[] {
  const sample = sampleValues(language, communityCode, "head");
  return IMPORT_FIELDS.map((field) => ({
    field,
    requirement: REQUIREMENT[field],
    example: FORMAT[field] ?? sample[field],
  }));
}

function sampleValues(language: Language, communityCode: string, who: "head" | "child"): Record<ImportField, string> {
  const family = SAMPLE[language] ?? SAMPLE.en;
  const person = family[who];
  return {
    given_name: person.given,
    family_name: person.family,
    patronymic: "",
    birth_date: person.born,
    sex: person.sex,
    identifier_scheme: "",
    identifier_value: "",
    community_code: communityCode,
    settlement_code: "",
    address: family.address,
    phone: who === "head" ? family.phone : "",
    languages: family.languages,
    disability_degree: "",
    notes: "",
    household_ref: "H1",
    relationship_to_head: who,
  };
}

/** A sample file: every column, then a household of two (a head and a child) in `communityCode`. */
export function sampleCsv(language: Language, communityCode: string, delimiter: "," | ";"): string {
  const lines = [IMPORT_FIELDS.join(delimiter)];
  for (const who of ["head", "child"] as const) {
    const values = sampleValues(language, communityCode, who);
    lines.push(IMPORT_FIELDS.map((field) => csvCell(values[field])).join(delimiter));
  }
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}
