import { useEffect, useMemo, useState } from "react";
import { Link } from "react-router-dom";
import { getTeam } from "../../api/cases";
import type { Team } from "../../api/types";
import { ErrorAlert, errorMessage } from "../../components/forms";
import { TerritoryName } from "../../components/TerritoryName";
import { TerritorySearch, type TerritoryRef } from "../../components/TerritorySearch";
import { usePageTitle } from "../../components/usePageTitle";
import { formatCalendarDate, formatNumber } from "../../i18n/format";
import { useI18n } from "../../i18n/i18n";
import { useSession } from "../session/session";
import { codeLabel } from "./labels";
import { UrgencyMark } from "./parts";
import { actionUrgency, localIsoDate } from "./rules";

/**
 * /team, the head of service's view of a territory: each worker's load (open and high-risk
 * cases, overdue and due plan actions, visits this week, closure requests) and the overdue plan
 * actions of the territory's open cases, oldest first. Opens on the head's own territory when
 * they supervise exactly one.
 */
export function TeamPage() {
  const { t, language } = useI18n();
  usePageTitle(t("team.title"));
  const { user, roles } = useSession();
  const supervised = useMemo(() => {
    const supervising = new Set(roles.filter((r) => r.permissions.includes("case.supervise")).map((r) => r.role));
    const places = new Map<string, TerritoryRef>();
    for (const grant of user?.roles ?? []) {
      if (supervising.has(grant.role)) places.set(grant.territory_code, { code: grant.territory_code, name: grant.territory_name });
    }
    return [...places.values()];
  }, [roles, user]);
  const [territory, setTerritory] = useState<TerritoryRef | null>(supervised.length === 1 ? supervised[0] : null);
  const [team, setTeam] = useState<{ code: string; team: Team } | null>(null);
  // The error of the territory it is about: another territory's is not shown.
  const [failure, setFailure] = useState<{ code: string; error: unknown } | null>(null);

  useEffect(() => {
    if (!territory) return;
    const controller = new AbortController();
    getTeam(territory.code, controller.signal).then(
      (loaded) => {
        if (controller.signal.aborted) return;
        setTeam({ code: territory.code, team: loaded });
        setFailure(null);
      },
      (caught: unknown) => {
        if (controller.signal.aborted) return;
        setTeam(null);
        setFailure({ code: territory.code, error: caught });
      },
    );
    return () => controller.abort();
  }, [territory]);

  const shown = territory && team?.code === territory.code ? team.team : null;
  const error = territory && failure?.code === territory.code ? failure.error : null;
  const today = localIsoDate();
  const n = (value: number) => formatNumber(value, language);
  return (
    <section className="page" aria-labelledby="team-title">
      <h1 id="team-title">{t("team.title")}</h1>
      <p className="field-hint">{t("team.intro")}</p>
      <div className="card">
        <TerritorySearch
          legend={t("team.territory")}
          value={territory}
          onChange={setTerritory}
          limit={50}
          delayMs={200}
          searchLabel={t("team.searchTerritory")}
          selectLabel={t("team.territory")}
          noneLabel={t("picker.none")}
          optionLabel={(found) => TerritoryName.label(found, t)}
        />
      </div>
      {!territory ? <p className="empty-note">{t("team.choose")}</p> : null}
      <ErrorAlert message={territory && error ? errorMessage(error, t) : null} />
      {territory && !shown && !error ? <p role="status">{t("common.loading")}</p> : null}
      {shown ? (
        <>
          {shown.items.length === 0 ? (
            <p className="empty-note">{t("team.workersEmpty")}</p>
          ) : (
            <div className="table-scroll">
              <table className="data-table" data-testid="team-workers">
                <caption>{t("team.workers", { territory: territory?.name ?? "" })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("team.worker")}</th>
                    <th scope="col">{t("team.openCases")}</th>
                    <th scope="col">{t("team.highRiskCases")}</th>
                    <th scope="col">{t("team.overdueActions")}</th>
                    <th scope="col">{t("team.dueActions")}</th>
                    <th scope="col">{t("team.visitsThisWeek")}</th>
                    <th scope="col">{t("team.closureRequests")}</th>
                  </tr>
                </thead>
                <tbody>
                  {shown.items.map((load) => (
                    <tr key={load.worker.id}>
                      <th scope="row">{load.worker.display_name}</th>
                      <td>{n(load.open_cases)}</td>
                      <td>{n(load.high_risk_cases)}</td>
                      <td className={load.overdue_actions > 0 ? "urgency-overdue" : undefined}>{n(load.overdue_actions)}</td>
                      <td>{n(load.due_actions)}</td>
                      <td>{n(load.visits_this_week)}</td>
                      <td>{n(load.closure_requests)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <section aria-labelledby="team-overdue">
            <h2 id="team-overdue">
              {t("team.overdue")} <span className="count">({n(shown.overdue.length)})</span>
            </h2>
            {shown.overdue.length === 0 ? (
              <p className="empty-note">{t("team.overdueEmpty")}</p>
            ) : (
              <ul className="today-list">
                {shown.overdue.map((action) => {
                  const urgency = actionUrgency(action, today);
                  return (
                    <li key={action.id} className={urgency === "overdue" ? "overdue-row" : undefined} data-testid="team-overdue-action">
                      <Link to={`/cases/${encodeURIComponent(action.case_id)}`} className="case-number">
                        {action.case_number}
                      </Link>
                      <strong>{action.text}</strong>
                      <UrgencyMark urgency={urgency} />
                      <span className={urgency === "overdue" ? "urgency-overdue" : undefined}>
                        {t("today.deadline", { date: formatCalendarDate(action.deadline, language) })}
                      </span>
                      <span className="item-meta">
                        {codeLabel("agency", action.agency, t)} · {t("cases.responsible")}: {action.responsible.name}
                      </span>
                    </li>
                  );
                })}
              </ul>
            )}
          </section>
        </>
      ) : null}
    </section>
  );
}
