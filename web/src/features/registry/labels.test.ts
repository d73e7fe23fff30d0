import { describe, expect, it } from "vitest";
import { formatBirthDate, fullName, languageName } from "./labels";

describe("registry labels", () => {
  it("formats a birth date per locale without shifting the day", () => {
    expect(formatBirthDate("1984-03-07", "en")).toBe("7 Mar 1984");
    expect(formatBirthDate("1984-03-07", "uk")).toMatch(/^7 бер\.? 1984/);
    expect(formatBirthDate("1984-03-07", "ro")).toMatch(/^7 mar\.? 1984/);
    expect(formatBirthDate(null, "en")).toBe("");
  });

  it("lists the family name first and skips a missing patronymic", () => {
    expect(fullName({ family_name: "Поліщук", given_name: "Ольга", patronymic: null })).toBe("Поліщук Ольга");
    expect(fullName({ family_name: "Іванов", given_name: "Петро", patronymic: "Іванович" })).toBe("Іванов Петро Іванович");
  });

  it("names languages in the user's language", () => {
    expect(languageName("uk", "en")).toBe("Ukrainian");
    expect(languageName("ro", "ro")).toBe("Română");
  });
});
