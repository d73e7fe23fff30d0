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

/** The language's own name for itself ("Українська"), from Intl rather than a hand-made table. */
export function languageEndonym(language: Language): string {
  let name: string | undefined;
  try {
    name = new Intl.DisplayNames([language], { type: "language" }).of(language);
  } catch {
    name = undefined;
  }
  if (!name || name === language) return language.toUpperCase();
  return name.charAt(0).toLocaleUpperCase(language) + name.slice(1);
}
