import { useId } from "react";
import { isLanguage, LANGUAGES, languageEndonym } from "../../i18n/languages";
import { useI18n } from "../../i18n/i18n";

/** Select of the six UI languages, each named in itself; the choice is remembered. */
export function LanguageSwitcher({ className }: { className?: string }) {
  const { language, setLanguage, t } = useI18n();
  const id = useId();
  return (
    <div className={`language-switcher ${className ?? ""}`}>
      <label htmlFor={id}>{t("language.label")}</label>
      <select
        id={id}
        value={language}
        onChange={(event) => {
          if (isLanguage(event.target.value)) setLanguage(event.target.value);
        }}
      >
        {LANGUAGES.map((code) => (
          <option key={code} value={code} lang={code}>
            {languageEndonym(code)}
          </option>
        ))}
      </select>
    </div>
  );
}
