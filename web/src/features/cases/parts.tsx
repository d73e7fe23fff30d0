// Small pieces the case screens share: badges that say state, risk and urgency in words (never
// by colour alone), a multi-line field and a checkbox in the forms' pattern, and the helper that
// turns a form's own check into the same error the server's answer would be.
import { useId, type TextareaHTMLAttributes } from "react";
import { Link } from "react-router-dom";
import { ApiError } from "../../api/client";
import type { CaseSummary, RiskLevel } from "../../api/types";
import { FieldLabel } from "../../components/forms";
import { formatCalendarDate, formatLocalDate } from "../../i18n/format";
import { useI18n, type MessageKey } from "../../i18n/i18n";
import { codeLabel, subjectName } from "./labels";
import type { FormProblem, Urgency } from "./rules";
// The registry's styles hold the shared record, tab, badge and text-area rules.
import "../registry/registry.css";
import "./cases.css";

/** A form's own finding as an ApiError naming the field, so that the fields, the summary and
 * the focus treat it exactly like the server's 400. */
export function clientProblem(problem: FormProblem, message: string): ApiError {
  return new ApiError({ status: 400, code: `client.${problem.problem}`, field: problem.field, detail: message });
}

export function problemKey(problem: string): MessageKey {
  return `cases.problem.${problem}` as MessageKey;
}

export function StateBadge({ state, pending }: { state: string; pending?: boolean }) {
  const { t } = useI18n();
  return (
    <span className={`badge state-badge state-${state}`}>
      {codeLabel("state", state, t)}
      {pending ? ` · ${t("cases.closureWaiting")}` : null}
    </span>
  );
}

export function RiskBadge({ risk }: { risk: RiskLevel | undefined | null }) {
  const { t } = useI18n();
  if (!risk) return null;
  return (
    <span className={`badge risk-badge risk-${risk}`}>
      {t("cases.field.risk_level")}: {codeLabel("risk", risk, t)}
    </span>
  );
}

/** Overdue and due-soon marks: a word and an icon, red or amber as well. */
export function UrgencyMark({ urgency }: { urgency: Urgency }) {
  const { t } = useI18n();
  if (urgency === "overdue") {
    return (
      <span className="urgency urgency-overdue">
        <span aria-hidden="true">⚠ </span>
        {t("today.overdue")}
      </span>
    );
  }
  if (urgency === "due_soon") return <span className="urgency urgency-soon">{t("today.dueSoon")}</span>;
  return null;
}

interface TextAreaProps extends TextareaHTMLAttributes<HTMLTextAreaElement> {
  label: string;
  error?: string;
  hint?: string;
}

export function TextAreaField({ label, error, hint, id, ...area }: TextAreaProps) {
  const generated = useId();
  const areaId = id ?? generated;
  const describedBy = [error ? `${areaId}-error` : null, hint ? `${areaId}-hint` : null].filter(Boolean).join(" ");
  return (
    <div className={`field${error ? " field-invalid" : ""}`}>
      <FieldLabel htmlFor={areaId} label={label} required={area.required} />
      <textarea id={areaId} aria-invalid={error ? true : undefined} aria-describedby={describedBy || undefined} {...area} />
      {hint ? (
        <p className="field-hint" id={`${areaId}-hint`}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p className="field-error" id={`${areaId}-error`}>
          {error}
        </p>
      ) : null}
    </div>
  );
}

export function CheckboxField({
  label,
  checked,
  onChange,
  name,
}: {
  label: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  name?: string;
}) {
  const id = useId();
  return (
    <div className="field checkbox-field">
      <input id={id} type="checkbox" name={name} checked={checked} onChange={(e) => onChange(e.target.checked)} />
      <label htmlFor={id}>{label}</label>
    </div>
  );
}

/** One case in a list: number (a link), state, subject, worker, risk when known. */
export function CaseLine({ item }: { item: CaseSummary }) {
  const { t, language } = useI18n();
  return (
    <li className="case-line">
      <Link to={`/cases/${encodeURIComponent(item.id)}`} className="case-number">
        {item.number}
      </Link>
      <StateBadge state={item.state} pending={!!item.closure_request} />
      {item.content_visible ? <RiskBadge risk={item.risk_level} /> : <span className="badge">{t("cases.restrictedShort")}</span>}
      <span className="case-meta">
        {subjectName(item.subject, t)}
        {item.category ? ` · ${codeLabel("category", item.category, t)}` : null}
        {` · ${item.assigned_worker.display_name}`}
        {` · ${formatLocalDate(new Date(item.opened_at), language)}`}
      </span>
    </li>
  );
}

export function CalendarDate({ date }: { date: string | null | undefined }) {
  const { language } = useI18n();
  return <>{formatCalendarDate(date, language)}</>;
}
