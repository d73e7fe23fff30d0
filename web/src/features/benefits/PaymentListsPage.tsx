import { useState, type FormEvent } from "react";
import { Link, useNavigate } from "react-router-dom";
import { createPaymentList, listPaymentLists } from "../../api/benefits";
import type { PaymentList } from "../../api/types";
import { ErrorAlert, LoadMore, SelectField, TextField, errorMessage, fieldError } from "../../components/forms";
import { TerritoryName } from "../../components/TerritoryName";
import { TerritorySearch, type TerritoryRef } from "../../components/TerritorySearch";
import { useCursorList } from "../../components/useCursorList";
import { usePageTitle } from "../../components/usePageTitle";
import { useQueryParam } from "../../components/useQueryParam";
import { formatNumber } from "../../i18n/format";
import { useI18n } from "../../i18n/i18n";
import { useSession } from "../session/session";
import { useProgrammeChoices } from "./ApplicationsListPage";
import { Money } from "./parts";
import { isMonth, monthOf } from "./rules";

/**
 * /benefits/payments: the payment lists the user sees, newest first, and (benefit.work) the
 * form that generates a programme's list for a month.
 */
export function PaymentListsPage() {
  const { t, language } = useI18n();
  usePageTitle(t("payments.title"));
  const { permissions } = useSession();
  const [programme, setProgramme] = useQueryParam("programme");
  const programmes = useProgrammeChoices();
  const list = useCursorList<PaymentList>(
    (cursor) => listPaymentLists({ programme_id: programme || undefined, limit: 50, cursor }),
    [programme],
    { clearOnError: true },
  );
  const n = (value: number) => formatNumber(value, language);

  return (
    <section className="page" aria-labelledby="payments-title">
      <h1 id="payments-title">{t("payments.title")}</h1>
      {permissions.has("benefit.work") ? <GenerateForm /> : null}
      <div className="card filter-bar" role="search" aria-label={t("benefits.filters")}>
        <SelectField label={t("benefits.field.programme")} value={programme} onChange={(e) => setProgramme(e.target.value)}>
          <option value="">{t("benefits.anyProgramme")}</option>
          {programmes.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </SelectField>
      </div>
      <ErrorAlert message={list.error ? errorMessage(list.error, t) : null} />
      {list.loaded && !list.busy && list.items.length === 0 && !list.error ? (
        <p className="empty-note">{t("payments.empty")}</p>
      ) : null}
      {list.items.length > 0 ? (
        <div className="table-scroll">
          <table className="data-table stack-on-phone" data-testid="payment-lists-table">
            <caption className="visually-hidden">{t("payments.title")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("payments.number")}</th>
                <th scope="col">{t("benefits.field.programme")}</th>
                <th scope="col">{t("benefits.month")}</th>
                <th scope="col">{t("benefits.field.territory")}</th>
                <th scope="col">{t("payments.lines")}</th>
                <th scope="col">{t("payments.total")}</th>
                <th scope="col">{t("payments.paid")}</th>
                <th scope="col">{t("payments.returned")}</th>
              </tr>
            </thead>
            <tbody>
              {list.items.map((l) => (
                <tr key={l.id} data-testid="payment-list-row">
                  <td>
                    <Link to={`/benefits/payments/${encodeURIComponent(l.id)}`}>{l.number}</Link>
                  </td>
                  <td>{l.programme.name}</td>
                  <td>{l.period}</td>
                  <td>{l.territory_name}</td>
                  <td className="number">{n(l.totals.lines)}</td>
                  <td className="money">
                    <Money minor={l.totals.total_minor} currency={l.programme.currency} />
                  </td>
                  <td className="number">{n(l.totals.paid_lines)}</td>
                  <td className="number">{n(l.totals.returned_lines)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {list.cursor ? <LoadMore onClick={list.loadMore} busy={list.busy} /> : null}
    </section>
  );
}

/** Programme, month and (optionally) a territory within the programme's: the new list opens. */
function GenerateForm() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const programmes = useProgrammeChoices().filter((p) => p.status !== "draft");
  const [programmeId, setProgrammeId] = useState("");
  const [month, setMonth] = useState(monthOf(new Date()));
  const [territory, setTerritory] = useState<TerritoryRef | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const created = await createPaymentList({
        programme_id: programmeId,
        period: month,
        territory_code: territory?.code ?? null,
      });
      void navigate(`/benefits/payments/${encodeURIComponent(created.id)}`);
    } catch (caught) {
      setError(caught);
      setBusy(false);
    }
  }

  return (
    <form className="card" aria-labelledby="generate-title" onSubmit={(e) => void submit(e)}>
      <h2 id="generate-title">{t("payments.generateTitle")}</h2>
      <p className="field-hint">{t("payments.generateHint")}</p>
      <div className="filter-bar">
        <SelectField
          label={t("benefits.field.programme")}
          value={programmeId}
          required
          onChange={(e) => setProgrammeId(e.target.value)}
          error={fieldError(error, "programme_id", t)}
        >
          <option value="">{t("benefits.choose")}</option>
          {programmes.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </SelectField>
        <TextField
          label={t("benefits.month")}
          type="month"
          required
          value={month}
          onChange={(e) => setMonth(e.target.value)}
          error={fieldError(error, "period", t)}
        />
      </div>
      <TerritorySearch
        legend={t("payments.territory")}
        value={territory}
        onChange={setTerritory}
        limit={50}
        delayMs={200}
        searchLabel={t("benefits.searchTerritory")}
        selectLabel={t("payments.territory")}
        noneLabel={t("payments.ownTerritory")}
        optionLabel={(found) => TerritoryName.label(found, t)}
      />
      <ErrorAlert message={error && !fieldError(error, "period", t) ? errorMessage(error, t) : null} />
      <button type="submit" disabled={busy || !programmeId || !isMonth(month)} data-testid="generate-payment-list">
        {busy ? t("common.loading") : t("payments.generate")}
      </button>
    </form>
  );
}
