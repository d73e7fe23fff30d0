import type { Language } from "../api/types";

export const LANGUAGES: readonly Language[] = ["ro", "uk", "mk", "lt", "ru", "en"];

export const STORAGE_KEY = "socius.language";

export function isLanguage(value: unknown): value is Language {
  return typeof value === "string" && (LANGUAGES as readonly string[]).includes(value);
}

/**
 * The UI language: the stored choice if valid, else the first of the browser's preferred
 * languages that we support (matching on the primary subtag, so `uk-UA` → `uk`), else English.
 */
export function pickLanguage(stored: string | null, preferred: readonly string[]): Language {
  if (isLanguage(stored)) return stored;
  for (const tag of preferred) {
    const primary = tag.toLowerCase().split(/[-_]/)[0];
    if (isLanguage(primary)) return primary;
  }
  return "en";
}

/**
 * Each UI language named in itself. A fixed table rather than Intl.DisplayNames: a browser
 * without a locale's data (Chromium ships no Macedonian names) would otherwise show
 * "Macedonian" or fall back to another language's name.
 */
const ENDONYMS: Record<Language, string> = {
  ro: "Română",
  uk: "Українська",
  mk: "Македонски",
  lt: "Lietuvių",
  ru: "Русский",
  en: "English",
};

/** The language's own name for itself ("Українська", "Македонски"). */
export function languageEndonym(language: Language): string {
  return ENDONYMS[language] ?? language.toUpperCase();
}
