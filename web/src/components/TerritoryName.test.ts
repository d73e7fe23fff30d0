import { describe, expect, it } from "vitest";
import { translate, type Translate } from "../i18n/i18n";
import { LANGUAGES } from "../i18n/languages";
import { INSTALLATION_ROOT_CODE, TerritoryName } from "./TerritoryName";

const english: Translate = (key, values) => translate("en", key, values);
// What the server sends beside the first administrator's grant.
const root = { code: INSTALLATION_ROOT_CODE, name: "Socius" };

describe("TerritoryName", () => {
  it("names the installation root in words, never by its code or its stored name", () => {
    expect(TerritoryName.text(root, english)).toBe("the whole installation");
    expect(TerritoryName.label(root, english)).toBe("the whole installation");
    expect(TerritoryName.text({ code: INSTALLATION_ROOT_CODE }, english)).toBe("the whole installation");
  });

  it("has the phrase in every language", () => {
    const phrases = new Set<string>();
    for (const language of LANGUAGES) {
      const t: Translate = (key, values) => translate(language, key, values);
      const text = TerritoryName.text(root, t);
      expect(text).not.toMatch(/ROOT|Socius|territory\./);
      expect(text).toBe(TerritoryName.label(root, t));
      phrases.add(text);
    }
    expect(phrases.size).toBeGreaterThan(1);
  });

  it("names any other territory by its name, with its code in lists", () => {
    const community = { code: "RO:1017", name: "Municipiul Alba Iulia" };
    expect(TerritoryName.text(community, english)).toBe("Municipiul Alba Iulia");
    expect(TerritoryName.label(community, english)).toBe("Municipiul Alba Iulia (RO:1017)");
    expect(TerritoryName.text({ code: "RO:1017", name: null }, english)).toBe("RO:1017");
    expect(TerritoryName.label({ code: "RO:1017" }, english)).toBe("RO:1017");
  });

  it("tells the root by its code alone", () => {
    expect(TerritoryName.isInstallationRoot("ROOT")).toBe(true);
    expect(TerritoryName.isInstallationRoot("RO")).toBe(false);
    expect(TerritoryName.isInstallationRoot("root")).toBe(false);
  });
});

describe("TerritoryName.place", () => {
  const petrivka = {
    code: "UA:UA32080070010012345",
    name: "Петрівка",
    ancestors: [
      { code: "UA", name: "Україна", level: "country" },
      { code: "UA:UA32", name: "Київська область", level: "region" },
      { code: "UA:UA3208", name: "Бучанський район", level: "district" },
      { code: "UA:UA32080070", name: "Бучанська територіальна громада", level: "community" },
    ],
  };
  it("names the parents nearest first, without the country", () => {
    expect(TerritoryName.place(petrivka)).toBe("Бучанська територіальна громада, Бучанський район, Київська область");
    expect(TerritoryName.place({ code: "RO", name: "România", ancestors: [] })).toBe("");
  });
  it("puts the place in a choice's label", () => {
    const t = ((key: string) => key) as never;
    expect(TerritoryName.label(petrivka, t)).toBe(
      "Петрівка, Бучанська територіальна громада, Бучанський район, Київська область (UA:UA32080070010012345)",
    );
    expect(TerritoryName.label({ code: "RO:10", name: "Alba" }, t)).toBe("Alba (RO:10)");
  });
});
