import { Link } from "react-router-dom";
import { listDecisions } from "../../api/benefits";
import type { Decision, DecisionState } from "../../api/types";
import { ErrorAlert, LoadMore, SelectField, errorMessage } from "../../components/forms";
import { useCursorList } from "../../components/useCursorList";
import { usePageTitle } from "../../components/usePageTitle";
import { useQueryParam } from "../../components/useQueryParam";
import { useI18n } from "../../i18n/i18n";
import { useSession } from "../session/session";
import { useProgrammeChoices } from "./ApplicationsListPage";
import { benefitLabel } from "./labels";
import { DecisionStateBadge, Money } from "./parts";
import { DECISION_STATES, awaitingMyApproval } from "./rules";

/**
 * /benefits/decisions: every decision the user sees, or (?tab=mine) those awaiting a second
 * approval that the user may give: awaiting approval and decided by someone else.
 */
export function DecisionsListPage() {
  const { t } = useI18n();
  usePageTitle(t("benefits.decisionsTitle"));
  const { user, permissions } = useSession();
  const [tab] = useQueryParam("tab");
  const [programme, setProgramme] = useQueryParam("programme");
  const [state, setState] = useQueryParam("state");
  const mine = tab === "mine" && permissions.has("benefit.work");
  const programmes = useProgrammeChoices();
  const list = useCursorList<Decision>(
    (cursor) =>
      listDecisions({
        programme_id: programme || undefined,
        state: mine ? "awaiting_approval" : ((state || undefined) as DecisionState | undefined),
        limit: 50,
        cursor,
      }),
    [programme, state, mine],
    { clearOnError: true },
  );
  const shown = mine ? awaitingMyApproval(list.items, user?.id ?? "") : list.items;

  return (
    <section className="page" aria-labelledby="decisions-title">
      <h1 id="decisions-title">{t("benefits.decisionsTitle")}</h1>
      {permissions.has("benefit.work") ? (
        <nav className="tabs" aria-label={t("benefits.decisionTabs")}>
          <Link to="/benefits/decisions" aria-current={mine ? undefined : "page"} className={mine ? "tab" : "tab tab-active"}>
            {t("benefits.allDecisions")}
          </Link>
          <Link to="/benefits/decisions?tab=mine" aria-current={mine ? "page" : undefined} className={mine ? "tab tab-active" : "tab"} data-testid="tab-awaiting-mine">
            {t("benefits.awaitingMyApproval")}
          </Link>
        </nav>
      ) : null}
      <div className="card filter-bar" role="search" aria-label={t("benefits.filters")}>
        <SelectField label={t("benefits.field.programme")} value={programme} onChange={(e) => setProgramme(e.target.value)}>
          <option value="">{t("benefits.anyProgramme")}</option>
          {programmes.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </SelectField>
        {mine ? null : (
          <SelectField label={t("benefits.field.state")} value={state} onChange={(e) => setState(e.target.value)}>
            <option value="">{t("benefits.anyState")}</option>
            {DECISION_STATES.map((s) => (
              <option key={s} value={s}>
                {benefitLabel("decisionState", s, t)}
              </option>
            ))}
          </SelectField>
        )}
      </div>
      <ErrorAlert message={list.error ? errorMessage(list.error, t) : null} />
      {list.loaded && !list.busy && shown.length === 0 && !list.error ? (
        <p className="empty-note">{mine ? t("benefits.nothingAwaiting") : t("benefits.decisionsEmpty")}</p>
      ) : null}
      {shown.length > 0 ? (
        <div className="table-scroll">
          <table className="data-table stack-on-phone" data-testid="decisions-table">
            <caption className="visually-hidden">{mine ? t("benefits.awaitingMyApproval") : t("benefits.decisionsTitle")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("benefits.field.household")}</th>
                <th scope="col">{t("benefits.field.programme")}</th>
                <th scope="col">{t("benefits.field.outcome")}</th>
                <th scope="col">{t("benefits.col.total")}</th>
                <th scope="col">{t("benefits.field.period")}</th>
                <th scope="col">{t("benefits.field.decidedBy")}</th>
                <th scope="col">{t("benefits.field.state")}</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((d) => (
                <tr key={d.id} data-testid="decision-row">
                  <td>
                    <Link to={`/benefits/decisions/${encodeURIComponent(d.id)}`}>{d.household_name}</Link>
                  </td>
                  <td>{d.programme.name}</td>
                  <td>{benefitLabel("outcome", d.outcome, t)}</td>
                  <td className="money">{d.outcome === "approved" ? <Money minor={d.total_minor} currency={d.programme.currency} /> : null}</td>
                  <td>{t("benefits.periodText", { from: d.period_from, to: d.period_to })}</td>
                  <td>{d.decided_by.display_name}</td>
                  <td>
                    <DecisionStateBadge state={d.state} />
                  </td>
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
