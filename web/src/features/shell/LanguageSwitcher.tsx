import { useId } from "react";
import { isLanguage, LANGUAGES, languageEndonym } from "../../i18n/languages";
import { useI18n } from "../../i18n/i18n";
import { useSession } from "../session/session";

/**
 * Select of the six UI languages, each named in itself. The choice is the user's: stored with
 * the account when signed in, and sent with the sign-in when made on the sign-in page.
 */
export function LanguageSwitcher({ className }: { className?: string }) {
  const { language, t } = useI18n();
  const { chooseLanguage } = useSession();
  const id = useId();
  return (
    <div className={`language-switcher ${className ?? ""}`}>
      <label htmlFor={id}>{t("language.label")}</label>
      <select
        id={id}
        value={language}
        onChange={(event) => {
          if (isLanguage(event.target.value)) chooseLanguage(event.target.value);
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
