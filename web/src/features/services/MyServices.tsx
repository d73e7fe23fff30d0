import { Link } from "react-router-dom";
import { listServices } from "../../api/services";
import type { Service } from "../../api/types";
import { ErrorAlert, LoadMore, errorMessage } from "../../components/forms";
import { useCursorList } from "../../components/useCursorList";
import { formatNumber } from "../../i18n/format";
import { useI18n } from "../../i18n/i18n";
import { serviceLabel } from "./labels";

/**
 * The home of a provider's staff: the services they work in, each with its places in use,
 * free and waiting, leading to its persons, waiting list and attendance.
 */
export function MyServices() {
  const { t, language } = useI18n();
  const list = useCursorList<Service>((cursor) => listServices({ limit: 50, cursor }), [], { clearOnError: true });
  const n = (value: number) => formatNumber(value, language);
  return (
    <section aria-labelledby="my-services-title">
      <h2 id="my-services-title">{t("myServices.title")}</h2>
      <ErrorAlert message={list.error ? errorMessage(list.error, t) : null} />
      {!list.loaded ? (
        <p role="status">{t("common.loading")}</p>
      ) : list.items.length === 0 ? (
        <p className="empty-note">{t("myServices.empty")}</p>
      ) : (
        <ul className="my-services" data-testid="my-services">
          {list.items.map((service) => (
            <li key={service.id}>
              <Link to={`/services/${encodeURIComponent(service.id)}`}>{service.name}</Link>{" "}
              <span className="muted">
                {serviceLabel("type", service.type, t)} ·{" "}
                {t("myServices.figures", {
                  used: n(service.places_used),
                  capacity: n(service.capacity),
                  waiting: n(service.waiting),
                })}
              </span>
            </li>
          ))}
        </ul>
      )}
      {list.cursor ? <LoadMore onClick={list.loadMore} busy={list.busy} /> : null}
    </section>
  );
}
