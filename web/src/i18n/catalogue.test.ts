import { describe, expect, it } from "vitest";
import { IntlMessageFormat } from "intl-messageformat";
import { CATALOGUES, translate } from "./i18n";
import { intlLocale } from "./format";
import { LANGUAGES } from "./languages";
import type { Language } from "../api/types";

type Node = { type: number; value?: string; options?: Record<string, { value: Node[] }>; children?: Node[] };

/** Names of the ICU arguments a message uses, including those inside plural branches. */
function argumentsOf(nodes: Node[], into = new Set<string>()): Set<string> {
  for (const node of nodes) {
    // 0 literal, 1 argument, 2 number, 3 date, 4 time, 5 select, 6 plural, 7 pound, 8 tag
    if (node.type >= 1 && node.type <= 6 && node.value) into.add(node.value);
    for (const option of Object.values(node.options ?? {})) argumentsOf(option.value, into);
    if (node.children) argumentsOf(node.children, into);
  }
  return into;
}

function parse(language: Language, message: string): Node[] {
  return new IntlMessageFormat(message, intlLocale(language)).getAst();
}

const reference = CATALOGUES.en;
const keys = Object.keys(reference).sort();

describe("message catalogues", () => {
  it("has a catalogue for each of the six languages", () => {
    expect(Object.keys(CATALOGUES).sort()).toEqual([...LANGUAGES].sort());
  });

  for (const language of LANGUAGES) {
    describe(language, () => {
      const catalogue = CATALOGUES[language] as Record<string, string>;

      it("has exactly the keys of the English catalogue", () => {
        expect(Object.keys(catalogue).sort()).toEqual(keys);
      });

      it("has no empty message", () => {
        const empty = keys.filter((key) => typeof catalogue[key] !== "string" || catalogue[key].trim() === "");
        expect(empty).toEqual([]);
      });

      it("uses the same ICU placeholders as English in every message", () => {
        const mismatched = keys.filter((key) => {
          const expected = [...argumentsOf(parse("en", reference[key as keyof typeof reference]))].sort();
          const actual = [...argumentsOf(parse(language, catalogue[key]))].sort();
          return JSON.stringify(expected) !== JSON.stringify(actual);
        });
        expect(mismatched).toEqual([]);
      });

      it("gives every plural the branches its language needs", () => {
        const categories = new Intl.PluralRules(intlLocale(language)).resolvedOptions().pluralCategories;
        const missing: string[] = [];
        for (const key of keys) {
          const visit = (nodes: Node[]) => {
            for (const node of nodes) {
              if (node.type === 6 && node.options) {
                for (const category of categories) {
                  if (!(category in node.options)) missing.push(`${key}:${category}`);
                }
              }
              for (const option of Object.values(node.options ?? {})) visit(option.value);
            }
          };
          visit(parse(language, catalogue[key]));
        }
        expect(missing).toEqual([]);
      });
    });
  }

  it("does not leave English text in the other catalogues", () => {
    // Messages that may legitimately read the same in every language.
    const sameEverywhere = new Set(["app.name", "picker.option", "picker.optionIn"]);
    for (const language of LANGUAGES.filter((l) => l !== "en")) {
      const catalogue = CATALOGUES[language] as Record<string, string>;
      const untranslated = keys.filter(
        (key) => !sameEverywhere.has(key) && catalogue[key] === reference[key as keyof typeof reference],
      );
      // Role names such as "Administrator" and "Auditor" coincide in Romanian.
      expect(untranslated.filter((key) => !(language === "ro" && key.startsWith("role.")))).toEqual([]);
    }
  });

  it("writes Romanian with comma-below ș and ț, never cedilla ş and ţ", () => {
    const text = Object.values(CATALOGUES.ro).join(" ");
    expect(text).not.toMatch(/[şţŞŢ]/);
    expect(text).toMatch(/[șț]/);
  });

  it("formats plurals per language", () => {
    expect(translate("en", "users.shown", { count: 1 })).toBe("1 user shown.");
    expect(translate("en", "users.shown", { count: 0 })).toBe("No users found.");
    expect(translate("uk", "login.retryAfter", { minutes: 5 })).toBe("Спробуйте знову через 5 хвилин.");
    expect(translate("uk", "login.retryAfter", { minutes: 2 })).toBe("Спробуйте знову через 2 хвилини.");
    expect(translate("ru", "login.retryAfter", { minutes: 21 })).toBe("Попробуйте снова через 21 минуту.");
    expect(translate("ro", "login.retryAfter", { minutes: 20 })).toBe("Puteți încerca din nou peste 20 de minute.");
    expect(translate("lt", "users.shown", { count: 3 })).toBe("Rodomi 3 naudotojai.");
    expect(translate("mk", "users.shown", { count: 1 })).toBe("Прикажан е 1 корисник.");
  });
});
