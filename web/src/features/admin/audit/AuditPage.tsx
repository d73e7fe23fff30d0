import { useState, type FormEvent } from "react";
import { usePageTitle } from "../../../components/usePageTitle";
import { listAudit, verifyAudit } from "../../../api/endpoints";
import type { AuditAction, AuditEntry, AuditFilter, AuditVerification } from "../../../api/types";
import { Link, useSearchParams } from "react-router-dom";
import { AUDIT_ACTIONS, auditRecordPath, recordPagePermission } from "./actions";
import { ErrorAlert, LoadMore, SelectField, TextField, errorMessage } from "../../../components/forms";
import { TerritoryCode, TerritoryName } from "../../../components/TerritoryName";
import { useCursorList } from "../../../components/useCursorList";
import { useSession } from "../../session/session";
import { dayBoundary, formatDateTime, formatNumber } from "../../../i18n/format";
import { useI18n, type MessageKey } from "../../../i18n/i18n";

const PAGE_SIZE = 50;

interface FilterForm {
  actor: string;
  action: string;
  entityType: string;
  entityId?: string;
  from: string;
  to: string;
}

const EMPTY: FilterForm = { actor: "", action: "", entityType: "", entityId: "", from: "", to: "" };

/**
 * The filter a link opens the page with, e.g. "who viewed this person":
 * `/admin/audit?entity_type=person&entity_id=ID&action=person.read`.
 */
export function formFromParams(params: URLSearchParams): FilterForm {
  return {
    ...EMPTY,
    actor: params.get("actor") ?? "",
    action: params.get("action") ?? "",
    entityType: params.get("entity_type") ?? "",
    entityId: params.get("entity_id") ?? "",
  };
}

/** The API query for the filter form; the date range covers whole local days. */
export function toAuditFilter(form: FilterForm): AuditFilter {
  const filter: AuditFilter = {};
  if (form.actor.trim()) filter.actor = form.actor.trim();
  if (form.action) filter.action = form.action as AuditAction;
  if (form.entityType.trim()) filter.entity_type = form.entityType.trim();
  if (form.entityId?.trim()) filter.entity_id = form.entityId.trim();
  const from = dayBoundary(form.from, "start");
  const to = dayBoundary(form.to, "end");
  if (from) filter.from = from;
  if (to) filter.to = to;
  return filter;
}

export function AuditPage() {
  const { t, language } = useI18n();
  const { permissions } = useSession();
  usePageTitle(t("audit.title"));
  const [params] = useSearchParams();
  const [form, setForm] = useState<FilterForm>(() => formFromParams(params));
  const [filter, setFilter] = useState<AuditFilter>(() => toAuditFilter(formFromParams(params)));
  // A link to this page with other filters (e.g. "who viewed it") applies them at once.
  const [linked, setLinked] = useState(params.toString());
  if (linked !== params.toString()) {
    setLinked(params.toString());
    setForm(formFromParams(params));
    setFilter(toAuditFilter(formFromParams(params)));
  }
  const { items, cursor, busy, loaded, error, loadMore } = useCursorList<AuditEntry>(
    (cursor) => listAudit({ ...filter, limit: PAGE_SIZE, ...(cursor ? { cursor } : {}) }),
    [filter],
    { clearOnError: true },
  );
  const [verification, setVerification] = useState<AuditVerification | null>(null);
  const [verifyError, setVerifyError] = useState<unknown>(null);
  const [verifying, setVerifying] = useState(false);

  async function verify() {
    setVerifying(true);
    setVerifyError(null);
    setVerification(null);
    try {
      setVerification(await verifyAudit());
    } catch (caught) {
      setVerifyError(caught);
    } finally {
      setVerifying(false);
    }
  }

  function apply(event: FormEvent) {
    event.preventDefault();
    setFilter(toAuditFilter(form));
  }

  const set = (key: keyof FilterForm) => (event: { target: { value: string } }) =>
    setForm((previous) => ({ ...previous, [key]: event.target.value }));

  return (
    <section className="page" aria-labelledby="audit-title">
      <div className="page-header">
        <h1 id="audit-title">{t("audit.title")}</h1>
        <button type="button" onClick={() => void verify()} disabled={verifying}>
          {verifying ? t("audit.verifying") : t("audit.verify")}
        </button>
      </div>
      <div aria-live="polite">
        {verification ? (
          <div className={`alert ${verification.ok ? "alert-success" : "alert-error"}`} role="status" data-testid="verify-result">
            {verification.ok
              ? t("audit.verifyOk", { count: verification.entries, entries: formatNumber(verification.entries, language) })
              : t("audit.verifyBroken", {
                  seq: verification.first_bad_seq ?? "?",
                  problem: verification.problem ?? "",
                })}
          </div>
        ) : null}
        <ErrorAlert message={verifyError ? errorMessage(verifyError, t) : null} />
      </div>

      <form className="card filters" onSubmit={apply} aria-labelledby="audit-filters-title">
        <h2 id="audit-filters-title">{t("audit.filters")}</h2>
        <div className="form-grid">
          <TextField
            label={t("audit.actor")}
            name="actor"
            value={form.actor}
            onChange={set("actor")}
            hint={t("audit.actorHint")}
          />
          <SelectField label={t("audit.action")} name="action" value={form.action} onChange={set("action")}>
            <option value="">{t("audit.anyAction")}</option>
            {AUDIT_ACTIONS.map((action) => (
              <option key={action} value={action}>
                {action}
              </option>
            ))}
          </SelectField>
          <TextField
            label={t("audit.entityType")}
            name="entity_type"
            value={form.entityType}
            onChange={set("entityType")}
            hint={t("audit.entityTypeHint")}
          />
          <TextField label={t("audit.entityId")} name="entity_id" value={form.entityId ?? ""} onChange={set("entityId")} />
          <TextField label={t("audit.from")} name="from" type="date" value={form.from} onChange={set("from")} />
          <TextField label={t("audit.to")} name="to" type="date" value={form.to} onChange={set("to")} />
        </div>
        <div className="actions">
          <button type="submit">{t("audit.apply")}</button>
          <button
            type="button"
            className="button-secondary"
            onClick={() => {
              setForm(EMPTY);
              setFilter({});
            }}
          >
            {t("audit.clear")}
          </button>
        </div>
      </form>

      <ErrorAlert message={error ? errorMessage(error, t) : null} />
      <p className="muted" role="status">
        {loaded && !busy ? t("audit.shown", { count: items.length }) : ""}
      </p>
      {items.length > 0 ? (
        <div className="table-scroll">
          <table className="data-table audit-table">
            <caption className="visually-hidden">{t("audit.caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("audit.seq")}</th>
                <th scope="col">{t("audit.at")}</th>
                <th scope="col">{t("audit.actor")}</th>
                <th scope="col">{t("audit.action")}</th>
                <th scope="col">{t("audit.entity")}</th>
                <th scope="col">{t("audit.territory")}</th>
                <th scope="col">{t("audit.detail")}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((entry) => (
                <tr key={entry.seq}>
                  <td>{formatNumber(entry.seq, language)}</td>
                  <td>
                    <time dateTime={entry.at}>{formatDateTime(entry.at, language)}</time>
                  </td>
                  <td>
                    {entry.actor_username === null ? (
                      t("audit.system")
                    ) : entry.actor_id && permissions.has("user.read") ? (
                      <Link to={`/admin/users/${encodeURIComponent(entry.actor_id)}`}>
                        {entry.actor_display_name ?? entry.actor_username}
                      </Link>
                    ) : (
                      entry.actor_display_name ?? entry.actor_username
                    )}
                    {entry.actor_display_name ? (
                      <>
                        {" "}
                        <span className="muted">({entry.actor_username})</span>
                      </>
                    ) : null}
                  </td>
                  <td>
                    <code>{entry.action}</code>
                  </td>
                  <td>
                    <AuditRecord entry={entry} />
                  </td>
                  <td>
                    {entry.territory_code ? (
                      entry.territory_name && !TerritoryName.isInstallationRoot(entry.territory_code) ? (
                        entry.territory_name
                      ) : (
                        <TerritoryCode code={entry.territory_code} />
                      )
                    ) : (
                      "—"
                    )}
                  </td>
                  <td>
                    {entry.detail && Object.keys(entry.detail).length > 0 ? (
                      <details>
                        <summary>{t("audit.showDetail")}</summary>
                        <pre className="json">{JSON.stringify(entry.detail, null, 2)}</pre>
                      </details>
                    ) : (
                      "—"
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {cursor ? <LoadMore onClick={loadMore} busy={busy} /> : null}
    </section>
  );
}

/**
 * The record of an entry: its name (users and territories) or its kind, linked to its page;
 * persons and households by kind and a short id (their names stay in the registry).
 */
function AuditRecord({ entry }: { entry: AuditEntry }) {
  const { t } = useI18n();
  const kinds: Record<string, MessageKey> = {
    user: "audit.kind.user",
    person: "audit.kind.person",
    household: "audit.kind.household",
    territory: "audit.kind.territory",
    person_import: "audit.kind.person_import",
    case: "audit.kind.case",
    contact: "audit.kind.contact",
    case_settings: "audit.kind.case_settings",
    provider: "audit.kind.provider",
    service: "audit.kind.service",
    enrolment: "audit.kind.enrolment",
    programme: "audit.kind.programme",
    application: "audit.kind.application",
    decision: "audit.kind.decision",
  };
  const kind = kinds[entry.entity_type] ? t(kinds[entry.entity_type]) : entry.entity_type;
  const text = entry.entity_name
    ? `${kind}: ${entry.entity_name}`
    : entry.entity_id
      ? `${kind} ${entry.entity_id.slice(-8)}`
      : kind;
  // A link only where the reader may open the page (an auditor reads the log, not the records).
  const { permissions } = useSession();
  const needed = recordPagePermission(entry.entity_type);
  const path = needed && permissions.has(needed) ? auditRecordPath(entry) : null;
  return (
    <>
      {path ? <Link to={path}>{text}</Link> : text}
      {entry.entity_id && entry.entity_type === "person" ? (
        <>
          {" "}
          <Link
            className="muted"
            to={`/admin/audit?entity_type=person&entity_id=${encodeURIComponent(entry.entity_id)}&action=person.read`}
          >
            {t("audit.whoViewed")}
          </Link>
        </>
      ) : null}
    </>
  );
}
