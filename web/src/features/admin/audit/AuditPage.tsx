import { useState, type FormEvent } from "react";
import { usePageTitle } from "../../../components/usePageTitle";
import { listAudit, verifyAudit } from "../../../api/endpoints";
import type { AuditEntry, AuditFilter, AuditVerification } from "../../../api/types";
import { ErrorAlert, LoadMore, SelectField, TextField, errorMessage } from "../../../components/forms";
import { TerritoryCode } from "../../../components/TerritoryName";
import { useCursorList } from "../../../components/useCursorList";
import { dayBoundary, formatDateTime, formatNumber } from "../../../i18n/format";
import { useI18n } from "../../../i18n/i18n";

const PAGE_SIZE = 50;

/** Actions the server writes today (docs/api-contract.md); offered as a filter. */
export const AUDIT_ACTIONS = [
  "session.login",
  "session.login_failed",
  "session.logout",
  "user.password_change",
  "user.create",
  "user.update",
  "user.password_reset",
  "territory.create",
  "territory.update",
  "territory.import",
  "system.bootstrap_admin",
] as const;

interface FilterForm {
  actor: string;
  action: string;
  entityType: string;
  from: string;
  to: string;
}

const EMPTY: FilterForm = { actor: "", action: "", entityType: "", from: "", to: "" };

/** The API query for the filter form; the date range covers whole local days. */
export function toAuditFilter(form: FilterForm): AuditFilter {
  const filter: AuditFilter = {};
  if (form.actor.trim()) filter.actor = form.actor.trim();
  if (form.action) filter.action = form.action;
  if (form.entityType.trim()) filter.entity_type = form.entityType.trim();
  const from = dayBoundary(form.from, "start");
  const to = dayBoundary(form.to, "end");
  if (from) filter.from = from;
  if (to) filter.to = to;
  return filter;
}

export function AuditPage() {
  const { t, language } = useI18n();
  usePageTitle(t("audit.title"));
  const [form, setForm] = useState<FilterForm>(EMPTY);
  const [filter, setFilter] = useState<AuditFilter>({});
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
          <TextField label={t("audit.actor")} name="actor" value={form.actor} onChange={set("actor")} />
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
                  <td>{entry.actor_username ?? t("audit.system")}</td>
                  <td>
                    <code>{entry.action}</code>
                  </td>
                  <td>
                    {entry.entity_type}
                    {entry.entity_id ? (
                      <>
                        {" "}
                        <code className="muted">{entry.entity_id}</code>
                      </>
                    ) : null}
                  </td>
                  <td>{entry.territory_code ? <TerritoryCode code={entry.territory_code} /> : "—"}</td>
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
