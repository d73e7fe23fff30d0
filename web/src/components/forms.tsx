import {
  useCallback,
  useEffect,
  useId,
  useRef,
  useState,
  type InputHTMLAttributes,
  type ReactNode,
  type RefObject,
  type SelectHTMLAttributes,
} from "react";
import { ApiError } from "../api/client";
import { useI18n, type Translate } from "../i18n/i18n";

/** A sentence for the user: the server's translated detail, else a generic one in the UI language. */
export function errorMessage(error: unknown, t: Translate): string {
  if (error instanceof ApiError) {
    if (error.detail) return error.detail;
    if (error.code === "client.network") return t("error.network");
  }
  return t("error.unexpected");
}

/** The error that belongs next to `field`, if the API named that field. */
export function fieldError(error: unknown, field: string, t: Translate): string | undefined {
  if (error instanceof ApiError && error.field === field) return errorMessage(error, t);
  return undefined;
}

/** The error to show at the top of a form: one the API did not attach to a field the form shows. */
export function formError(error: unknown, shownFields: readonly string[], t: Translate): string | undefined {
  if (!error) return undefined;
  if (error instanceof ApiError && error.field && shownFields.includes(error.field)) return undefined;
  return errorMessage(error, t);
}

export function ErrorAlert({ message }: { message: string | undefined | null }) {
  if (!message) return null;
  return (
    <div className="alert alert-error" role="alert">
      {message}
    </div>
  );
}

/**
 * After a failed save, moves focus to the first field marked invalid inside `form` (which also
 * scrolls it into view), or to `fallback` (the error summary) when no field is marked. Runs
 * once per new error object: forms keep the error of the last attempt in state.
 */
export function useFocusFirstError(
  error: unknown,
  form: RefObject<HTMLElement | null>,
  fallback?: RefObject<HTMLElement | null>,
): void {
  useEffect(() => {
    if (!error) return;
    const invalid = form.current?.querySelector<HTMLElement>('[aria-invalid="true"]');
    const target = invalid ?? fallback?.current ?? null;
    target?.focus();
  }, [error, form, fallback]);
}

/**
 * What every save form keeps: the last attempt's error (shown by its fields and summary), whether
 * a save runs, the form and its summary (focused on a new error, except a stale version, which
 * its own alert tells), and `attempt`, which runs one save and keeps its error.
 */
export function useSaveForm() {
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const summaryRef = useRef<HTMLDivElement>(null);
  const stale = isStaleVersion(error);
  useFocusFirstError(stale ? null : error, formRef, summaryRef);
  const attempt = useCallback(async (save: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await save();
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }, []);
  return { error, setError, busy, formRef, summaryRef, stale, attempt };
}

/**
 * The summary of a failed save, placed next to the form's submit button so that it is seen
 * where the user clicked: what went wrong and a button to go to the field at fault. Pass the
 * same `error` the fields show; nothing is rendered without one.
 */
export function ErrorSummary({
  error,
  form,
  summaryRef,
}: {
  error: unknown;
  form: RefObject<HTMLElement | null>;
  summaryRef?: RefObject<HTMLDivElement | null>;
}) {
  const { t } = useI18n();
  const own = useRef<HTMLDivElement>(null);
  const ref = summaryRef ?? own;
  if (!error) return null;
  function goToField() {
    form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }
  return (
    <div className="alert alert-error error-summary" role="alert" tabIndex={-1} ref={ref}>
      <p>
        <strong>{t("form.notSaved")}</strong> {errorMessage(error, t)}
      </p>
      {error instanceof ApiError && error.field ? (
        <button type="button" className="button-secondary" onClick={goToField}>
          {t("form.goToField")}
        </button>
      ) : null}
    </div>
  );
}

/** The API refused a write because the record changed since it was loaded (If-Match). */
export function isStaleVersion(error: unknown): boolean {
  return error instanceof ApiError && error.code === "conflict.stale_version";
}

/** The version-conflict banner: what happened, and a button to load the current version. */
export function StaleVersionAlert({ message, onReload }: { message: string; onReload: () => void }) {
  const { t } = useI18n();
  return (
    <div className="alert alert-error" role="alert">
      <p>{message}</p>
      <button type="button" className="button-secondary" onClick={onReload}>
        {t("common.reload")}
      </button>
    </div>
  );
}

export function Notice({ message }: { message: string | undefined | null }) {
  if (!message) return null;
  return (
    <div className="alert alert-info" role="status">
      {message}
    </div>
  );
}

interface FieldProps extends InputHTMLAttributes<HTMLInputElement> {
  label: string;
  error?: string;
  hint?: string;
}

/**
 * A label, with a visible mark beside it when the field must be filled in. The mark is outside
 * the label and hidden from assistive technology: the input's `required` says it, and the
 * label's text stays exactly the field's name.
 */
export function FieldLabel({ htmlFor, label, required }: { htmlFor: string; label: string; required?: boolean }) {
  if (!required) return <label htmlFor={htmlFor}>{label}</label>;
  return (
    <div className="field-label-row">
      <label htmlFor={htmlFor}>{label}</label>
      <span className="required-mark" aria-hidden="true">
        *
      </span>
    </div>
  );
}

/** The line that explains the mark, at the top of a form with required fields. */
export function RequiredNote() {
  const { t } = useI18n();
  return (
    <p className="field-hint required-note">
      <span className="required-mark" aria-hidden="true">
        *{" "}
      </span>
      {t("form.requiredNote")}
    </p>
  );
}

export function TextField({ label, error, hint, id, ...input }: FieldProps) {
  const generated = useId();
  const inputId = id ?? generated;
  const describedBy = [error ? `${inputId}-error` : null, hint ? `${inputId}-hint` : null].filter(Boolean).join(" ");
  return (
    <div className={`field${error ? " field-invalid" : ""}`}>
      <FieldLabel htmlFor={inputId} label={label} required={input.required} />
      <input
        id={inputId}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy || undefined}
        {...input}
      />
      {hint ? (
        <p className="field-hint" id={`${inputId}-hint`}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p className="field-error" id={`${inputId}-error`}>
          {error}
        </p>
      ) : null}
    </div>
  );
}

interface SelectProps extends SelectHTMLAttributes<HTMLSelectElement> {
  label: string;
  error?: string;
  children: ReactNode;
}

export function SelectField({ label, error, id, children, ...select }: SelectProps) {
  const generated = useId();
  const selectId = id ?? generated;
  return (
    <div className={`field${error ? " field-invalid" : ""}`}>
      <FieldLabel htmlFor={selectId} label={label} required={select.required} />
      <select
        id={selectId}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${selectId}-error` : undefined}
        {...select}
      >
        {children}
      </select>
      {error ? (
        <p className="field-error" id={`${selectId}-error`}>
          {error}
        </p>
      ) : null}
    </div>
  );
}

export function LoadMore({ onClick, busy }: { onClick: () => void; busy: boolean }) {
  const { t } = useI18n();
  return (
    <button type="button" className="button-secondary load-more" onClick={onClick} disabled={busy}>
      {busy ? t("common.loading") : t("common.loadMore")}
    </button>
  );
}
