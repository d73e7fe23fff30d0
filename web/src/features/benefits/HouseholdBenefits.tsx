import { useEffect, useState } from "react";
import { Link } from "react-router-dom";
import { explainEligibility, listApplications, listProgrammes } from "../../api/benefits";
import type { Application, Eligibility, Programme } from "../../api/types";
import { ErrorAlert, errorMessage } from "../../components/forms";
import { formatCalendarDate } from "../../i18n/format";
import { useI18n } from "../../i18n/i18n";
import { useSession } from "../session/session";
import { benefitLabel } from "./labels";
import { ApplicationStateBadge, EligibilityView } from "./parts";

/**
 * The "Benefits" section of a household's page: its applications, and the open programmes
 * with "Check eligibility" (explained rule by rule, here) and "Record an application".
 */
export function HouseholdBenefits({ householdId }: { householdId: string }) {
  const { t, language } = useI18n();
  const { permissions } = useSession();
  const canRead = permissions.has("benefit.read");
  const [programmes, setProgrammes] = useState<Programme[]>([]);
  const [applications, setApplications] = useState<Application[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [checked, setChecked] = useState<{ programme: Programme; result: Eligibility } | null>(null);
  const [checking, setChecking] = useState<string | null>(null);

  useEffect(() => {
    if (!canRead) return;
    let current = true;
    Promise.all([listProgrammes({ status: "open", limit: 100 }), listApplications({ household_id: householdId, limit: 50 })]).then(
      ([p, a]) => {
        if (!current) return;
        setProgrammes(p.items);
        setApplications(a.items);
      },
      (caught: unknown) => current && setError(caught),
    );
    return () => {
      current = false;
    };
  }, [householdId, canRead]);

  if (!canRead) return null;

  async function check(programme: Programme) {
    setChecking(programme.id);
    setError(null);
    try {
      setChecked({ programme, result: await explainEligibility(programme.id, householdId) });
    } catch (caught) {
      setError(caught);
    } finally {
      setChecking(null);
    }
  }

  return (
    <section className="card" aria-labelledby="household-benefits-title" data-testid="household-benefits">
      <h2 id="household-benefits-title">{t("benefits.householdSection")}</h2>
      <ErrorAlert message={error ? errorMessage(error, t) : null} />
      {applications.length > 0 ? (
        <>
          <h3>{t("benefits.applicationsTitle")}</h3>
          <ul className="plain-list">
            {applications.map((a) => (
              <li key={a.id}>
                <Link to={`/benefits/applications/${encodeURIComponent(a.id)}`}>{a.programme.name}</Link> ·{" "}
                {formatCalendarDate(a.submitted_on, language)} · <ApplicationStateBadge state={a.state} />
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <h3>{t("benefits.openProgrammes")}</h3>
      {programmes.length === 0 ? <p className="empty-note">{t("benefits.noOpenProgramme")}</p> : null}
      <ul className="plain-list">
        {programmes.map((p) => (
          <li key={p.id} className="actions">
            <Link to={`/benefits/programmes/${encodeURIComponent(p.id)}`}>{p.name}</Link>
            <span className="muted">{benefitLabel("kind", p.kind, t)}</span>
            <button type="button" className="button-secondary" disabled={checking === p.id} onClick={() => void check(p)}>
              {t("benefits.checkEligibilityFor", { name: p.name })}
            </button>
            {permissions.has("benefit.work") ? (
              <Link
                className="button"
                to={`/benefits/applications/new?programme=${encodeURIComponent(p.id)}&household=${encodeURIComponent(householdId)}`}
              >
                {t("benefits.newApplication")}
              </Link>
            ) : null}
          </li>
        ))}
      </ul>
      {checked ? (
        <div aria-live="polite">
          <h3>{t("benefits.eligibilityFor", { name: checked.programme.name })}</h3>
          <EligibilityView eligibility={checked.result} rules={checked.programme.rules} currency={checked.programme.currency} />
        </div>
      ) : null}
    </section>
  );
}
