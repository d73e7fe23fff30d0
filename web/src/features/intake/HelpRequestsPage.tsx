import { Link } from "react-router-dom";
import { listHelpRequests } from "../../api/helpRequests";
import type { HelpRequest } from "../../api/types";
import { ErrorAlert, LoadMore, SelectField, errorMessage } from "../../components/forms";
import { useCursorList } from "../../components/useCursorList";
import { usePageTitle } from "../../components/usePageTitle";
import { useQueryParam } from "../../components/useQueryParam";
import { formatDateTime } from "../../i18n/format";
import { useI18n } from "../../i18n/i18n";
import { intakeLabel } from "./labels";
import { HelpStateBadge, ResidentContact } from "./parts";
import { QUEUE_FILTERS, excerpt, queueFilter, showsCommunity } from "./rules";

/**
 * /help-requests: the intake queue, what residents asked for on the public page of their
 * community, oldest first: the confirmation they were given, when, their need, for whom, their
 * name and how to reach them; the answered ones on request. Each leads to its page, where it is
 * answered.
 */
export function HelpRequestsPage() {
  const { t, language } = useI18n();
  usePageTitle(t("intake.listTitle"));
  const [stateParam, setStateParam] = useQueryParam("state");
  const filter = queueFilter(stateParam);
  const list = useCursorList<HelpRequest>(
    (cursor) => listHelpRequests({ state: filter, limit: 50, cursor }),
    [filter],
    { clearOnError: true },
  );
  const community = showsCommunity(list.items);
  const resolved = filter === "resolved";

  return (
    <section className="page" aria-labelledby="help-requests-title">
      <div className="page-header">
        <h1 id="help-requests-title">{t("intake.listTitle")}</h1>
      </div>
      <p>{t("intake.intro")}</p>
      <div className="filter-bar">
        <SelectField
          label={t("intake.filterLabel")}
          name="state"
          value={filter}
          onChange={(e) => setStateParam(e.target.value === "open" ? "" : e.target.value)}
        >
          {QUEUE_FILTERS.map((value) => (
            <option key={value} value={value}>
              {intakeLabel("filter", value, t)}
            </option>
          ))}
        </SelectField>
      </div>
      <ErrorAlert message={list.error ? errorMessage(list.error, t) : null} />
      {list.loaded && !list.busy && list.items.length === 0 && !list.error ? (
        <p className="empty-note">{resolved ? t("intake.emptyResolved") : t("intake.emptyOpen")}</p>
      ) : null}
      {list.items.length > 0 ? (
        <div className="table-scroll">
          <table className="data-table stack-on-phone queue-table" data-testid="help-requests-table">
            <caption className="visually-hidden">
              {resolved ? t("intake.captionResolved") : t("intake.captionOpen")}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t("intake.col.confirmation")}</th>
                <th scope="col">{t("intake.col.received")}</th>
                <th scope="col">{t("intake.col.need")}</th>
                <th scope="col">{t("intake.col.forWhom")}</th>
                <th scope="col">{t("intake.col.name")}</th>
                <th scope="col">{t("intake.col.contact")}</th>
                {community ? <th scope="col">{t("intake.col.community")}</th> : null}
                {resolved ? <th scope="col">{t("intake.col.answer")}</th> : null}
              </tr>
            </thead>
            <tbody>
              {list.items.map((request) => (
                <tr key={request.id} data-testid="help-request-row">
                  <td>
                    <Link to={`/help-requests/${encodeURIComponent(request.id)}`} className="case-number">
                      {request.confirmation}
                    </Link>
                  </td>
                  <td className="numeric" data-label={t("intake.col.received")}>
                    {formatDateTime(request.created_at, language)}
                  </td>
                  <td className="queue-need">{excerpt(request.need)}</td>
                  <td data-label={request.for_whom ? t("intake.col.forWhom") : undefined}>{request.for_whom ?? ""}</td>
                  <td data-label={t("intake.col.name")}>{request.name}</td>
                  <td data-label={t("intake.col.contact")}>
                    <ResidentContact contact={request.contact} />
                  </td>
                  {community ? <td data-label={t("intake.col.community")}>{request.community_name}</td> : null}
                  {resolved ? (
                    <td data-label={t("intake.col.answer")}>
                      <HelpStateBadge state={request.state} />
                    </td>
                  ) : null}
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
