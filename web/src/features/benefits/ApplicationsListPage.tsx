import { useEffect, useState } from "react";
import { Link } from "react-router-dom";
import { listApplications, listProgrammes } from "../../api/benefits";
import type { Application, ApplicationState, Programme } from "../../api/types";
import { ErrorAlert, LoadMore, SelectField, errorMessage } from "../../components/forms";
import { useCursorList } from "../../components/useCursorList";
import { usePageTitle } from "../../components/usePageTitle";
import { useQueryParam } from "../../components/useQueryParam";
import { formatCalendarDate } from "../../i18n/format";
import { useI18n } from "../../i18n/i18n";
import { useSession } from "../session/session";
import { benefitLabel } from "./labels";
import { ApplicationStateBadge } from "./parts";
import { APPLICATION_STATES } from "./rules";

/** The programmes the user sees, for the lists' programme filter. */
export function useProgrammeChoices(): Programme[] {
  const [programmes, setProgrammes] = useState<Programme[]>([]);
  useEffect(() => {
    let current = true;
    listProgrammes({ limit: 200 }).then(
      (page) => current && setProgrammes(page.items),
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, []);
  return programmes;
}

/** /benefits/applications: newest first, by programme and state. */
export function ApplicationsListPage() {
  const { t, language } = useI18n();
  usePageTitle(t("benefits.applicationsTitle"));
  const { permissions } = useSession();
  const [programme, setProgramme] = useQueryParam("programme");
  const [state, setState] = useQueryParam("state");
  const programmes = useProgrammeChoices();
  const list = useCursorList<Application>(
    (cursor) =>
      listApplications({
        programme_id: programme || undefined,
        state: (state || undefined) as ApplicationState | undefined,
        limit: 50,
        cursor,
      }),
    [programme, state],
    { clearOnError: true },
  );

  return (
    <section className="page" aria-labelledby="applications-title">
      <div className="page-header">
        <h1 id="applications-title">{t("benefits.applicationsTitle")}</h1>
        {permissions.has("benefit.work") ? (
          <Link className="button" to="/benefits/applications/new">
            {t("benefits.newApplication")}
          </Link>
        ) : null}
      </div>
      <div className="card filter-bar" role="search" aria-label={t("benefits.filters")}>
        <SelectField label={t("benefits.field.programme")} value={programme} onChange={(e) => setProgramme(e.target.value)}>
          <option value="">{t("benefits.anyProgramme")}</option>
          {programmes.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </SelectField>
        <SelectField label={t("benefits.field.state")} value={state} onChange={(e) => setState(e.target.value)}>
          <option value="">{t("benefits.anyState")}</option>
          {APPLICATION_STATES.map((s) => (
            <option key={s} value={s}>
              {benefitLabel("applicationState", s, t)}
            </option>
          ))}
        </SelectField>
      </div>
      <ErrorAlert message={list.error ? errorMessage(list.error, t) : null} />
      {list.loaded && !list.busy && list.items.length === 0 && !list.error ? <p className="empty-note">{t("benefits.applicationsEmpty")}</p> : null}
      {list.items.length > 0 ? (
        <div className="table-scroll">
          <table className="data-table stack-on-phone" data-testid="applications-table">
            <caption className="visually-hidden">{t("benefits.applicationsCaption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("benefits.field.household")}</th>
                <th scope="col">{t("benefits.field.programme")}</th>
                <th scope="col">{t("benefits.field.submittedOn")}</th>
                <th scope="col">{t("benefits.field.period")}</th>
                <th scope="col">{t("benefits.col.eligible")}</th>
                <th scope="col">{t("benefits.field.state")}</th>
              </tr>
            </thead>
            <tbody>
              {list.items.map((a) => (
                <tr key={a.id} data-testid="application-row">
                  <td>
                    <Link to={`/benefits/applications/${encodeURIComponent(a.id)}`}>{a.household_name}</Link>
                    <span className="muted"> · {a.community_name}</span>
                  </td>
                  <td>{a.programme.name}</td>
                  <td>{formatCalendarDate(a.submitted_on, language)}</td>
                  <td>{t("benefits.periodText", { from: a.period_from, to: a.period_to })}</td>
                  <td>{a.eligibility.eligible ? t("benefits.eligible") : t("benefits.notEligible")}</td>
                  <td>
                    <ApplicationStateBadge state={a.state} />
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
