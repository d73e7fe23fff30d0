import { describe, expect, it } from "vitest";
import { formatBirthDate, fullName, languageName } from "./labels";
import { translate, type MessageKey } from "../../i18n/i18n";

describe("registry labels", () => {
  it("formats a birth date per locale without shifting the day", () => {
    expect(formatBirthDate("1984-03-07", "en")).toBe("07/03/1984");
    expect(formatBirthDate("1984-03-07", "uk")).toBe("07.03.1984");
    expect(formatBirthDate("1984-03-07", "mk")).toBe("07.03.1984");
    expect(formatBirthDate("1984-03-07", "lt")).toBe("1984-03-07");
    expect(formatBirthDate("1984-03-07T00:00:00Z", "en")).toBe("1984-03-07T00:00:00Z");
    expect(formatBirthDate(null, "en")).toBe("");
  });

  it("lists the family name first and skips a missing patronymic", () => {
    expect(fullName({ family_name: "Поліщук", given_name: "Ольга", patronymic: null })).toBe("Поліщук Ольга");
    expect(fullName({ family_name: "Іванов", given_name: "Петро", patronymic: "Іванович" })).toBe("Іванов Петро Іванович");
  });

  it("names languages in the user's language", () => {
    const inMacedonian = (key: MessageKey) => translate("mk", key);
    expect(languageName("uk", "mk", inMacedonian)).toBe("Украински");
    expect(languageName("rom", "mk", inMacedonian)).toBe("Ромски");
    expect(languageName("ro", "ro", (key) => translate("ro", key))).toBe("Română");
    // A code the form does not offer comes from the browser's display names, else as is.
    expect(languageName("fr", "en")).toBe("French");
    expect(languageName("qqq", "en")).toBe("qqq");
  });
});
