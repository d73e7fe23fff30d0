import { Link } from "react-router-dom";
import { listEnrolments } from "../../api/services";
import type { Enrolment } from "../../api/types";
import { ErrorAlert, LoadMore, errorMessage } from "../../components/forms";
import { useCursorList } from "../../components/useCursorList";
import { formatNumber } from "../../i18n/format";
import { useI18n } from "../../i18n/i18n";
import { useSession } from "../session/session";
import { serviceLabel } from "./labels";
import { EnrolmentStateBadge } from "./parts";

/**
 * The "Services" part of a person's card: the services the person holds a place in, is offered
 * one in or waits for (GET /enrolments?person_id=&state=current), each linking to its service.
 * Shown to holders of enrolment.work.
 */
export function PersonServices({ personId }: { personId: string }) {
  const { t, language } = useI18n();
  const { permissions } = useSession();
  const canWork = permissions.has("enrolment.work");
  const list = useCursorList<Enrolment>(
    (cursor) =>
      canWork
        ? listEnrolments({ person_id: personId, state: "current", limit: 50, cursor })
        : Promise.resolve({ items: [], next_cursor: null }),
    [personId, canWork],
  );
  if (!canWork) return null;
  return (
    <section aria-labelledby={`services-of-${personId}`} className="person-services">
      <div className="page-header">
        <h2 id={`services-of-${personId}`}>{t("services.personTitle")}</h2>
        {permissions.has("service.read") ? <Link to="/services">{t("services.findService")}</Link> : null}
      </div>
      <ErrorAlert message={list.error ? errorMessage(list.error, t) : null} />
      {list.loaded && list.items.length === 0 && !list.error ? (
        <p className="empty-note">{t("services.personEmpty")}</p>
      ) : null}
      <ul className="case-lines" aria-label={t("services.personCaption")}>
        {list.items.map((enrolment) => (
          <li key={enrolment.id} className="case-line" data-testid="person-enrolment">
            <Link to={`/services/${encodeURIComponent(enrolment.service.id)}`} className="case-number">
              {enrolment.service.name}
            </Link>
            <EnrolmentStateBadge state={enrolment.state} />
            {enrolment.state === "waiting" && enrolment.position !== null ? (
              <span>{t("services.position", { position: formatNumber(enrolment.position, language) })}</span>
            ) : null}
            <span className="case-meta">
              {serviceLabel("type", enrolment.service.type, t)} · {enrolment.worker.display_name}
            </span>
          </li>
        ))}
      </ul>
      {list.cursor ? <LoadMore onClick={list.loadMore} busy={list.busy} /> : null}
    </section>
  );
}
