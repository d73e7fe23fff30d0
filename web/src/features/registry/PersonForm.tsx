import { useId, useRef, useState, type FormEvent, type ReactNode } from "react";
import { ApiError } from "../../api/client";
import type { DisabilityDegree, Sex } from "../../api/types";
import {
  ErrorSummary,
  RequiredNote,
  SelectField,
  TextField,
  errorMessage,
  fieldError,
  useFocusFirstError,
} from "../../components/forms";
import { useI18n } from "../../i18n/i18n";
import { Labels, languageName } from "./labels";
import {
  COMMON_LANGUAGES,
  DISABILITY_DEGREES,
  IDENTIFIER_SCHEMES,
  newIdentifierRow,
  sentIdentifierRows,
  type PersonFormState,
} from "./personForm";
import { identifierProblem, type IdentifierProblem } from "./identifierCheck";
import { TerritoryChooser } from "./TerritoryChooser";

/**
 * The person form, for registering and for editing. Errors from the API appear next to the
 * field the API names (`identifiers[0].value`, `languages[2]`, ...); others at the top.
 */
export function PersonForm({
  initial,
  title,
  submitLabel,
  error,
  busy,
  onSubmit,
  banner,
  onCancel,
  beforeActions,
}: {
  initial: PersonFormState;
  title: string;
  submitLabel: string;
  error: unknown;
  busy: boolean;
  /** Saves; reports its own failure (the form does not wait for it). */
  onSubmit: (state: PersonFormState) => Promise<void>;
  banner?: ReactNode;
  onCancel?: () => void;
  /** Shown just above the buttons (e.g. the likely existing persons before registering), given
   * the form as it stands now: an action there acts on what the user sees, edits included. */
  beforeActions?: (current: PersonFormState) => ReactNode;
}) {
  const { t, language } = useI18n();
  const titleId = useId();
  const [state, setState] = useState<PersonFormState>(initial);
  const [otherLanguage, setOtherLanguage] = useState("");
  // Identifier rows found wrong when their field was left, by row key (cleared on typing).
  const [leftWrong, setLeftWrong] = useState<Record<number, IdentifierProblem>>({});
  const formRef = useRef<HTMLFormElement>(null);
  const summaryRef = useRef<HTMLDivElement>(null);
  useFocusFirstError(error, formRef, summaryRef);
  const set = <K extends keyof PersonFormState>(key: K, value: PersonFormState[K]) =>
    setState((current) => ({ ...current, [key]: value }));
  const err = (field: string) => fieldError(error, field, t);

  const sent = sentIdentifierRows(state);
  const languageChoices = [...COMMON_LANGUAGES, ...state.languages.filter((code) => !COMMON_LANGUAGES.includes(code))];
  const languageError =
    error instanceof ApiError && error.field && /^languages(\[\d+\])?$/.test(error.field)
      ? errorMessage(error, t)
      : undefined;
  const badLanguage =
    error instanceof ApiError && error.field ? /^languages\[(\d+)\]$/.exec(error.field)?.[1] : undefined;

  function submit(event: FormEvent) {
    event.preventDefault();
    void onSubmit(state);
  }

  function toggleLanguage(code: string, on: boolean) {
    set("languages", on ? [...state.languages, code] : state.languages.filter((c) => c !== code));
  }

  function addOtherLanguage() {
    const code = otherLanguage.trim().toLowerCase();
    if (!code) return;
    if (!state.languages.includes(code)) set("languages", [...state.languages, code]);
    setOtherLanguage("");
  }

  return (
    <form onSubmit={submit} noValidate className="card person-form" aria-labelledby={titleId} ref={formRef}>
      <h2 id={titleId}>{title}</h2>
      {banner}
      <RequiredNote />
      <fieldset>
        <legend>{t("registry.section.name")}</legend>
        <div className="form-grid">
          <TextField
            label={t("registry.field.family_name")}
            name="family_name"
            required
            autoComplete="off"
            value={state.family_name}
            onChange={(e) => set("family_name", e.target.value)}
            error={err("family_name")}
          />
          <TextField
            label={t("registry.field.given_name")}
            name="given_name"
            required
            autoComplete="off"
            value={state.given_name}
            onChange={(e) => set("given_name", e.target.value)}
            error={err("given_name")}
          />
          <TextField
            label={t("registry.field.patronymic")}
            name="patronymic"
            autoComplete="off"
            value={state.patronymic}
            onChange={(e) => set("patronymic", e.target.value)}
            error={err("patronymic")}
          />
        </div>
        <p className="field-hint">{t("registry.nameHint")}</p>
      </fieldset>
      <div className="form-grid">
        <TextField
          label={t("registry.field.birth_date")}
          name="birth_date"
          type="date"
          value={state.birth_date}
          onChange={(e) => set("birth_date", e.target.value)}
          error={err("birth_date")}
          hint={t("registry.birthDateHint")}
        />
        <SelectField
          label={t("registry.field.sex")}
          name="sex"
          value={state.sex}
          onChange={(e) => set("sex", e.target.value as "" | Sex)}
          error={err("sex")}
        >
          <option value="">{t("registry.notGiven")}</option>
          <option value="female">{Labels.sex("female", t)}</option>
          <option value="male">{Labels.sex("male", t)}</option>
        </SelectField>
      </div>
      <fieldset>
        <legend>{t("registry.field.identifiers")}</legend>
        {state.identifiers.length === 0 ? <p className="muted">{t("registry.noIdentifiers")}</p> : null}
        {err("identifiers") ? <p className="field-error">{err("identifiers")}</p> : null}
        {state.identifiers.map((row, index) => {
          const i = sent.indexOf(row);
          const n = index + 1;
          return (
            <div className="identifier-row" key={row.key}>
              <SelectField
                label={t("registry.identifierScheme", { n })}
                value={row.scheme}
                onChange={(e) =>
                  set(
                    "identifiers",
                    state.identifiers.map((r) => (r.key === row.key ? { ...r, scheme: e.target.value } : r)),
                  )
                }
                error={i >= 0 ? err(`identifiers[${i}].scheme`) : undefined}
              >
                <option value="">{t("registry.chooseScheme")}</option>
                {IDENTIFIER_SCHEMES.map((scheme) => (
                  <option key={scheme} value={scheme}>
                    {scheme}
                  </option>
                ))}
              </SelectField>
              <TextField
                label={t("registry.identifierValue", { n })}
                value={row.value}
                autoComplete="off"
                inputMode="text"
                onChange={(e) =>
                  set(
                    "identifiers",
                    state.identifiers.map((r) => (r.key === row.key ? { ...r, value: e.target.value } : r)),
                  )
                }
                onInput={() =>
                  setLeftWrong((current) => {
                    const next = { ...current };
                    delete next[row.key];
                    return next;
                  })
                }
                onBlur={() => {
                  const problem = identifierProblem(row.scheme, row.value);
                  setLeftWrong((current) => {
                    const next = { ...current };
                    if (problem) next[row.key] = problem;
                    else delete next[row.key];
                    return next;
                  });
                }}
                error={
                  (i >= 0 ? err(`identifiers[${i}].value`) : undefined) ??
                  (leftWrong[row.key]
                    ? t(`registry.identifierCheck.${leftWrong[row.key]}`, { scheme: row.scheme })
                    : undefined)
                }
              />
              <button
                type="button"
                className="button-secondary"
                onClick={() => set("identifiers", state.identifiers.filter((r) => r.key !== row.key))}
              >
                {t("registry.removeIdentifier", { n })}
              </button>
            </div>
          );
        })}
        {state.identifiers.length < IDENTIFIER_SCHEMES.length ? (
          <button
            type="button"
            className="button-secondary"
            onClick={() => set("identifiers", [...state.identifiers, newIdentifierRow()])}
          >
            {t("registry.addIdentifier")}
          </button>
        ) : null}
      </fieldset>
      <TerritoryChooser
        legend={t("registry.field.community")}
        level="community"
        value={state.community}
        onChange={(community) =>
          setState((current) => ({
            ...current,
            community,
            settlement: community?.code === current.community?.code ? current.settlement : null,
          }))
        }
        error={err("community_code")}
      />
      {state.community ? (
        <TerritoryChooser
          legend={t("registry.settlementOptional")}
          level="settlement"
          parent={state.community.code}
          value={state.settlement}
          onChange={(settlement) => set("settlement", settlement)}
          error={err("settlement_code")}
          optional
        />
      ) : null}
      <div className="form-grid">
        <TextField
          label={t("registry.field.address")}
          name="address"
          value={state.address}
          onChange={(e) => set("address", e.target.value)}
          error={err("address")}
        />
        <TextField
          label={t("registry.field.phone")}
          name="phone"
          type="tel"
          value={state.phone}
          onChange={(e) => set("phone", e.target.value)}
          error={err("phone")}
        />
      </div>
      <fieldset aria-describedby={languageError ? `${titleId}-languages-error` : undefined}>
        <legend>{t("registry.field.languages")}</legend>
        <div className="language-choice">
          {languageChoices.map((code) => {
            const invalid = badLanguage !== undefined && state.languages[Number(badLanguage)] === code;
            return (
              <label key={code}>
                <input
                  type="checkbox"
                  checked={state.languages.includes(code)}
                  aria-invalid={invalid || undefined}
                  onChange={(e) => toggleLanguage(code, e.target.checked)}
                />
                {languageName(code, language, t)} <span className="muted">({code})</span>
              </label>
            );
          })}
        </div>
        <div className="identifier-row">
          <TextField
            label={t("registry.otherLanguage")}
            hint={t("registry.otherLanguageHint")}
            value={otherLanguage}
            maxLength={8}
            onChange={(e) => setOtherLanguage(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === "Enter") {
                e.preventDefault();
                addOtherLanguage();
              }
            }}
          />
          <button type="button" className="button-secondary" onClick={addOtherLanguage}>
            {t("registry.addLanguage")}
          </button>
        </div>
        {languageError ? (
          <p className="field-error" id={`${titleId}-languages-error`}>
            {languageError}
          </p>
        ) : null}
      </fieldset>
      <div className="form-grid">
        <SelectField
          label={t("registry.field.disability_degree")}
          name="disability_degree"
          value={state.disability_degree}
          onChange={(e) => set("disability_degree", e.target.value as "" | DisabilityDegree)}
          error={err("disability_degree")}
        >
          <option value="">{t("registry.disability.none")}</option>
          {DISABILITY_DEGREES.map((degree) => (
            <option key={degree} value={degree}>
              {Labels.disability(degree, t)}
            </option>
          ))}
        </SelectField>
      </div>
      <div className={`field${err("notes") ? " field-invalid" : ""}`}>
        <label htmlFor={`${titleId}-notes`}>{t("registry.field.notes")}</label>
        <textarea
          id={`${titleId}-notes`}
          name="notes"
          value={state.notes}
          maxLength={4000}
          aria-invalid={err("notes") ? true : undefined}
          aria-describedby={err("notes") ? `${titleId}-notes-error` : undefined}
          onChange={(e) => set("notes", e.target.value)}
        />
        {err("notes") ? (
          <p className="field-error" id={`${titleId}-notes-error`}>
            {err("notes")}
          </p>
        ) : null}
      </div>
      {beforeActions?.(state)}
      <ErrorSummary error={error} form={formRef} summaryRef={summaryRef} />
      <div className="actions">
        <button type="submit" disabled={busy}>
          {busy ? t("common.saving") : submitLabel}
        </button>
        {onCancel ? (
          <button type="button" className="button-secondary" onClick={onCancel}>
            {t("common.cancel")}
          </button>
        ) : null}
      </div>
    </form>
  );
}
