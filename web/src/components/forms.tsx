import { useId, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes } from "react";
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

export function TextField({ label, error, hint, id, ...input }: FieldProps) {
  const generated = useId();
  const inputId = id ?? generated;
  const describedBy = [error ? `${inputId}-error` : null, hint ? `${inputId}-hint` : null].filter(Boolean).join(" ");
  return (
    <div className={`field${error ? " field-invalid" : ""}`}>
      <label htmlFor={inputId}>{label}</label>
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
      <label htmlFor={selectId}>{label}</label>
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
