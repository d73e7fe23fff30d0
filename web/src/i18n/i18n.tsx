import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import { IntlMessageFormat } from "intl-messageformat";
import type { Language } from "../api/types";
import { api } from "../api/endpoints";
import { intlLocale } from "./format";
import { LANGUAGES, STORAGE_KEY, pickLanguage } from "./languages";
import en from "./en.json";
import lt from "./lt.json";
import mk from "./mk.json";
import ro from "./ro.json";
import ru from "./ru.json";
import uk from "./uk.json";

export type MessageKey = keyof typeof en;
export type Catalogue = Record<MessageKey, string>;
export type Values = Record<string, string | number>;

export const CATALOGUES: Record<Language, Catalogue> = { ro, uk, mk, lt, ru, en };

/** True for a key the catalogues hold (a key built at run time, e.g. from a code). */
export function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(en, key);
}

const compiled = new Map<string, IntlMessageFormat>();

/** Formats one message of a catalogue; falls back to English, then to the key itself. */
export function translate(language: Language, key: MessageKey, values?: Values): string {
  const source = CATALOGUES[language][key] ?? CATALOGUES.en[key];
  if (source === undefined) return key;
  const cacheKey = `${language}\u0000${key}`;
  let format = compiled.get(cacheKey);
  if (!format) {
    format = new IntlMessageFormat(source, intlLocale(language));
    compiled.set(cacheKey, format);
  }
  return String(format.format(values));
}

export type Translate = (key: MessageKey, values?: Values) => string;

interface I18nValue {
  language: Language;
  setLanguage: (language: Language) => void;
  t: Translate;
}

const I18nContext = createContext<I18nValue | null>(null);

function initialLanguage(): Language {
  let stored: string | null;
  try {
    stored = localStorage.getItem(STORAGE_KEY);
  } catch {
    stored = null;
  }
  return pickLanguage(stored, navigator.languages ?? [navigator.language]);
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [language, setLanguageState] = useState<Language>(initialLanguage);

  useEffect(() => {
    document.documentElement.lang = language;
    api.setLanguage(language);
  }, [language]);

  const setLanguage = useCallback((next: Language) => {
    if (!LANGUAGES.includes(next)) return;
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // Private mode: the choice lasts for this page only.
    }
    api.setLanguage(next);
    setLanguageState(next);
  }, []);

  const value = useMemo<I18nValue>(
    () => ({ language, setLanguage, t: (key, values) => translate(language, key, values) }),
    [language, setLanguage],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18nValue {
  const value = useContext(I18nContext);
  if (!value) throw new Error("useI18n outside I18nProvider");
  return value;
}

/** True if the user has chosen a language explicitly (so the account's language should not override it). */
export function hasStoredLanguage(): boolean {
  try {
    return localStorage.getItem(STORAGE_KEY) !== null;
  } catch {
    return false;
  }
}
