import type { Language } from "../../../api/types";
import { SelectField, TextField, fieldError } from "../../../components/forms";
import { useI18n } from "../../../i18n/i18n";
import { LANGUAGES, isLanguage, languageEndonym } from "../../../i18n/languages";

/** The display name and interface language of a user: the same two fields on the new and edit forms. */
export function UserProfileFields({
  displayName,
  onDisplayNameChange,
  language,
  onLanguageChange,
  error,
}: {
  displayName: string;
  onDisplayNameChange: (value: string) => void;
  language: Language;
  onLanguageChange: (value: Language) => void;
  /** The API error; shown next to the field it names. */
  error: unknown;
}) {
  const { t } = useI18n();
  return (
    <>
      <TextField
        label={t("users.displayName")}
        name="display_name"
        required
        value={displayName}
        onChange={(event) => onDisplayNameChange(event.target.value)}
        error={fieldError(error, "display_name", t)}
      />
      <SelectField
        label={t("users.language")}
        name="language"
        value={language}
        onChange={(event) => {
          if (isLanguage(event.target.value)) onLanguageChange(event.target.value);
        }}
        error={fieldError(error, "language", t)}
      >
        {LANGUAGES.map((code) => (
          <option key={code} value={code} lang={code}>
            {languageEndonym(code)}
          </option>
        ))}
      </SelectField>
    </>
  );
}
