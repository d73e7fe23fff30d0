// The fields that say what a case is about, shared by opening a case and editing it: category,
// risk level and the reason it was opened.
import type { CaseCategory, RiskLevel } from "../../api/types";
import { SelectField } from "../../components/forms";
import { useI18n } from "../../i18n/i18n";
import { codeLabel } from "./labels";
import { TextAreaField } from "./parts";
import { CATEGORIES, RISK_LEVELS, type CaseFormState } from "./rules";

export function CaseFields({
  value,
  onChange,
  error,
}: {
  value: CaseFormState;
  onChange: (next: CaseFormState) => void;
  /** The message for a field at fault, if any. */
  error: (field: string) => string | undefined;
}) {
  const { t } = useI18n();
  return (
    <>
      <div className="form-grid">
        <SelectField
          label={t("cases.field.category")}
          name="category"
          required
          value={value.category}
          error={error("category")}
          onChange={(e) => onChange({ ...value, category: e.target.value as CaseCategory | "" })}
        >
          <option value="">{t("cases.choose")}</option>
          {CATEGORIES.map((c) => (
            <option key={c} value={c}>
              {codeLabel("category", c, t)}
            </option>
          ))}
        </SelectField>
        <SelectField
          label={t("cases.field.risk_level")}
          name="risk_level"
          required
          value={value.risk_level}
          error={error("risk_level")}
          onChange={(e) => onChange({ ...value, risk_level: e.target.value as RiskLevel | "" })}
        >
          <option value="">{t("cases.choose")}</option>
          {RISK_LEVELS.map((r) => (
            <option key={r} value={r}>
              {codeLabel("risk", r, t)}
            </option>
          ))}
        </SelectField>
      </div>
      <TextAreaField
        label={t("cases.field.opening_reason")}
        name="opening_reason"
        required
        maxLength={4000}
        value={value.opening_reason}
        error={error("opening_reason")}
        onChange={(e) => onChange({ ...value, opening_reason: e.target.value })}
      />
    </>
  );
}
