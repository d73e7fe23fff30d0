import { useEffect, useState } from "react";
import { Link } from "react-router-dom";
import { listHouseholdPayments } from "../../api/benefits";
import type { PaymentLine } from "../../api/types";
import { ErrorAlert, errorMessage } from "../../components/forms";
import { useI18n } from "../../i18n/i18n";
import { useSession } from "../session/session";
import { PaymentStateBadge } from "./PaymentListPage";
import { Money } from "./parts";

/** The "Payments" part of a household's page: what it was paid, month by month, newest first. */
export function HouseholdPayments({ householdId }: { householdId: string }) {
  const { t, language } = useI18n();
  const { permissions } = useSession();
  const canRead = permissions.has("benefit.read");
  const [lines, setLines] = useState<PaymentLine[] | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    if (!canRead) return;
    let current = true;
    listHouseholdPayments(householdId, { limit: 24 }).then(
      (page) => current && setLines(page.items),
      (caught: unknown) => current && setError(caught),
    );
    return () => {
      current = false;
    };
  }, [householdId, canRead]);

  if (!canRead) return null;
  return (
    <section className="card" aria-labelledby="household-payments-title">
      <h2 id="household-payments-title">{t("payments.householdTitle")}</h2>
      <ErrorAlert message={error ? errorMessage(error, t) : null} />
      {lines && lines.length === 0 ? <p className="empty-note">{t("payments.householdEmpty")}</p> : null}
      {lines && lines.length > 0 ? (
        <div className="table-scroll">
          <table className="data-table stack-on-phone" data-testid="household-payments">
            <caption className="visually-hidden">{t("payments.householdTitle")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("benefits.month")}</th>
                <th scope="col">{t("benefits.field.programme")}</th>
                <th scope="col">{t("payments.amount")}</th>
                <th scope="col">{t("payments.state")}</th>
                <th scope="col">{t("payments.number")}</th>
              </tr>
            </thead>
            <tbody>
              {lines.map((l) => (
                <tr key={l.id}>
                  <td>{l.period}</td>
                  <td>{l.programme.name}</td>
                  <td className="money">
                    <Money minor={l.amount_minor} currency={l.programme.currency} />
                  </td>
                  <td>
                    <PaymentStateBadge line={l} language={language} />
                  </td>
                  <td>
                    <Link to={`/benefits/payments/${encodeURIComponent(l.list_id)}`}>{l.list_number}</Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
