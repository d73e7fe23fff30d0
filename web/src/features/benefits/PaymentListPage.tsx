import { useRef, useState, type FormEvent } from "react";
import { Link, useParams } from "react-router-dom";
import { confirmPayments, getPaymentList, listPaymentLines, paymentListExportUrl } from "../../api/benefits";
import { ApiError } from "../../api/client";
import type { Language, PaymentConfirmation, PaymentLine, PaymentList, PaymentTotals } from "../../api/types";
import { ErrorAlert, LoadMore, Notice, errorMessage } from "../../components/forms";
import { useCursorList } from "../../components/useCursorList";
import { useRecord } from "../../components/useRecord";
import { usePageTitle } from "../../components/usePageTitle";
import { formatCalendarDate, formatNumber } from "../../i18n/format";
import { useI18n } from "../../i18n/i18n";
import { useSession } from "../session/session";
import { Money } from "./parts";

/**
 * /benefits/payments/:id: a payment list with its totals (as a whole and per community), its
 * lines, the files for the treasury or the bank, and the bank's confirmation.
 */
export function PaymentListPage() {
  const { id = "" } = useParams();
  const { t } = useI18n();
  const { permissions } = useSession();
  const { record: list, loadError, reload } = useRecord(id, getPaymentList, { resetOnChange: true });
  usePageTitle(list ? t("payments.listTitle", { number: list.number }) : t("payments.title"));
  const [linesKey, setLinesKey] = useState(0);

  if (loadError) return <ErrorAlert message={errorMessage(loadError, t)} />;
  if (!list) return <p>{t("common.loading")}</p>;
  return (
    <section className="page" aria-labelledby="payment-list-title">
      <p>
        <Link to="/benefits/payments">{t("payments.backToLists")}</Link>
      </p>
      <h1 id="payment-list-title">{t("payments.listTitle", { number: list.number })}</h1>
      <dl className="record">
        <dt>{t("benefits.field.programme")}</dt>
        <dd>
          <Link to={`/benefits/programmes/${encodeURIComponent(list.programme.id)}`}>{list.programme.name}</Link>
        </dd>
        <dt>{t("benefits.month")}</dt>
        <dd>{list.period}</dd>
        <dt>{t("benefits.field.territory")}</dt>
        <dd>{list.territory_name}</dd>
        <dt>{t("payments.createdBy")}</dt>
        <dd>{list.created_by.display_name}</dd>
      </dl>
      <Totals list={list} />
      {permissions.has("benefit.work") ? (
        <section className="card" aria-labelledby="files-title">
          <h2 id="files-title">{t("payments.filesTitle")}</h2>
          <p className="field-hint">{t("payments.filesHint")}</p>
          <p className="actions">
            <a className="button" href={paymentListExportUrl(list.id, "xlsx")} download data-testid="export-xlsx">
              {t("payments.downloadXlsx")}
            </a>{" "}
            <a className="button" href={paymentListExportUrl(list.id, "csv")} download data-testid="export-csv">
              {t("payments.downloadCsv")}
            </a>
          </p>
          <ConfirmationForm
            list={list}
            onDone={() => {
              void reload();
              setLinesKey((k) => k + 1);
            }}
          />
        </section>
      ) : null}
      <Lines key={linesKey} list={list} />
    </section>
  );
}

function Totals({ list }: { list: PaymentList }) {
  const { t, language } = useI18n();
  const n = (value: number) => formatNumber(value, language);
  const row = (label: string, totals: PaymentTotals, testId?: string) => (
    <tr key={label} data-testid={testId}>
      <th scope="row">{label}</th>
      <td className="number">{n(totals.lines)}</td>
      <td className="money">
        <Money minor={totals.total_minor} currency={list.programme.currency} />
      </td>
      <td className="number">{n(totals.paid_lines)}</td>
      <td className="money">
        <Money minor={totals.paid_minor} currency={list.programme.currency} />
      </td>
      <td className="number">{n(totals.returned_lines)}</td>
      <td className="number">{n(totals.pending_lines)}</td>
    </tr>
  );
  return (
    <div className="table-scroll">
      <table className="data-table stack-on-phone" data-testid="payment-totals">
        <caption>{t("payments.totalsCaption")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("benefits.field.territory")}</th>
            <th scope="col">{t("payments.lines")}</th>
            <th scope="col">{t("payments.total")}</th>
            <th scope="col">{t("payments.paid")}</th>
            <th scope="col">{t("payments.paidAmount")}</th>
            <th scope="col">{t("payments.returned")}</th>
            <th scope="col">{t("payments.pending")}</th>
          </tr>
        </thead>
        <tbody>
          {list.by_community.map((c) => row(c.community_name ?? c.community_code ?? "", c))}
          {row(t("payments.allCommunities"), list.totals, "payment-totals-all")}
        </tbody>
      </table>
    </div>
  );
}

/** The bank's CSV file: applied whole, or refused with the line that is wrong. */
function ConfirmationForm({ list, onDone }: { list: PaymentList; onDone: () => void }) {
  const { t } = useI18n();
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<PaymentConfirmation | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const file = input.current?.files?.[0];
    if (!file) return;
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      setDone(await confirmPayments(list.id, file));
      onDone();
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }

  const line = error instanceof ApiError ? /^lines\[(\d+)\]$/.exec(error.field ?? "")?.[1] : undefined;
  return (
    <form onSubmit={(e) => void submit(e)} aria-labelledby="confirm-title">
      <h3 id="confirm-title">{t("payments.confirmTitle")}</h3>
      <p className="field-hint" id="confirm-hint">
        {t("payments.confirmHint")}
      </p>
      <div className="field">
        <label htmlFor="bank-file">{t("payments.bankFile")}</label>
        <input id="bank-file" ref={input} type="file" accept=".csv,text/csv" aria-describedby="confirm-hint" required />
      </div>
      <ErrorAlert message={error ? (line ? t("payments.lineRefused", { line }) + " " : "") + errorMessage(error, t) : null} />
      {done ? (
        <Notice
          message={t("payments.confirmed", { paid: done.paid, returned: done.returned, unchanged: done.unchanged })}
        />
      ) : null}
      <button type="submit" disabled={busy} data-testid="confirm-payments">
        {busy ? t("common.loading") : t("payments.confirm")}
      </button>
    </form>
  );
}

function Lines({ list }: { list: PaymentList }) {
  const { t, language } = useI18n();
  const lines = useCursorList<PaymentLine>((cursor) => listPaymentLines(list.id, { limit: 100, cursor }), [list.id]);
  return (
    <section aria-labelledby="lines-title">
      <h2 id="lines-title">{t("payments.linesTitle")}</h2>
      <ErrorAlert message={lines.error ? errorMessage(lines.error, t) : null} />
      {lines.items.length > 0 ? (
        <div className="table-scroll">
          <table className="data-table stack-on-phone" data-testid="payment-lines">
            <caption className="visually-hidden">{t("payments.linesTitle")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("payments.reference")}</th>
                <th scope="col">{t("payments.payee")}</th>
                <th scope="col">{t("payments.community")}</th>
                <th scope="col">{t("payments.amount")}</th>
                <th scope="col">{t("payments.state")}</th>
              </tr>
            </thead>
            <tbody>
              {lines.items.map((l) => (
                <tr key={l.id} data-testid="payment-line">
                  <td>
                    <code>{l.reference}</code>
                  </td>
                  <td>
                    <Link to={`/registry/households/${encodeURIComponent(l.household_id)}`}>{l.payee.name}</Link>
                    {l.payee_identifier ? <span className="field-hint"> {l.payee_identifier}</span> : null}
                  </td>
                  <td>{l.community_name}</td>
                  <td className="money">
                    <Money minor={l.amount_minor} currency={list.programme.currency} />
                  </td>
                  <td>
                    <PaymentStateBadge line={l} language={language} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {lines.cursor ? <LoadMore onClick={lines.loadMore} busy={lines.busy} /> : null}
    </section>
  );
}

/** "Paid on 20 Nov 2026", "Returned", "Waiting for the bank": in words, never a colour alone. */
export function PaymentStateBadge({ line, language }: { line: PaymentLine; language: Language }) {
  const { t } = useI18n();
  const on = line.settled_on ? formatCalendarDate(line.settled_on, language) : "";
  return (
    <span className={`badge state-badge payment-state-${line.state}`}>
      {line.state === "paid"
        ? t("payments.state.paidOn", { date: on })
        : line.state === "returned"
          ? t("payments.state.returned")
          : t("payments.state.pending")}
    </span>
  );
}
