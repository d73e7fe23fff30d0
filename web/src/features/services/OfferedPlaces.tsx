import { Link } from "react-router-dom";
import { listEnrolments } from "../../api/services";
import type { Enrolment } from "../../api/types";
import { ErrorAlert, errorMessage } from "../../components/forms";
import { useCursorList } from "../../components/useCursorList";
import { formatLocalDate } from "../../i18n/format";
import { useI18n } from "../../i18n/i18n";
import { useSession } from "../session/session";
import "./services.css";

/**
 * The "Places offered" section of "Today": the places a service offered, from its waiting list,
 * to the persons the user enrolled (GET /enrolments?worker=me&state=offered), each leading to
 * the service, where the offer is accepted or declined.
 */
export function OfferedPlaces() {
  const { t, language } = useI18n();
  const { permissions } = useSession();
  const list = useCursorList<Enrolment>(
    (cursor) => listEnrolments({ worker: "me", state: "offered", limit: 50, cursor }),
    [],
  );
  return (
    <section className="today-section" aria-labelledby="today-offers">
      <h3 id="today-offers">
        {t("today.offers")} {list.loaded ? <span className="count">({list.items.length})</span> : null}
      </h3>
      <ErrorAlert message={list.error ? errorMessage(list.error, t) : null} />
      {!list.loaded ? <p role="status">{t("common.loading")}</p> : null}
      {list.loaded && list.items.length === 0 && !list.error ? (
        <p className="empty-note">{t("today.offersEmpty")}</p>
      ) : null}
      {list.items.length > 0 ? (
        <ul className="today-list offer-list">
          {list.items.map((enrolment) => (
            <li key={enrolment.id} data-testid="today-offer">
              <Link to={`/services/${encodeURIComponent(enrolment.service.id)}`}>{enrolment.service.name}</Link>
              {permissions.has("person.read") ? (
                <Link to={`/registry/persons/${encodeURIComponent(enrolment.person.id)}`}>{enrolment.person.name}</Link>
              ) : (
                <span>{enrolment.person.name}</span>
              )}
              {enrolment.offered_at ? (
                <span className="item-meta">
                  {t("services.offeredOn", { date: formatLocalDate(new Date(enrolment.offered_at), language) })}
                </span>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
