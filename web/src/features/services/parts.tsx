// Small pieces the services screens share: badges that say a licence's state, an enrolment's
// state and its priority in words (never by colour alone), and a service's places in figures.
import type { EnrolmentPriority, EnrolmentState, LicenceStatus, Service } from "../../api/types";
import { formatNumber } from "../../i18n/format";
import { useI18n } from "../../i18n/i18n";
import { serviceLabel } from "./labels";
import { licenceNeedsAttention } from "./rules";
// The registry's and the cases' styles hold the shared record, badge, list and form rules.
import "../registry/registry.css";
import "../cases/cases.css";
import "./services.css";

/** The licence in words; expiring and expired ones marked with a warning sign as well. */
export function LicenceFlag({ status }: { status: LicenceStatus }) {
  const { t } = useI18n();
  return (
    <span className={`badge licence-flag licence-${status}`} data-testid="licence-flag">
      {licenceNeedsAttention(status) ? <span aria-hidden="true">⚠ </span> : null}
      {t(`services.licenceFlag.${status}`)}
    </span>
  );
}

export function EnrolmentStateBadge({ state }: { state: EnrolmentState }) {
  const { t } = useI18n();
  return <span className={`badge enrolment-state enrolment-${state}`}>{serviceLabel("state", state, t)}</span>;
}

export function PriorityBadge({ priority }: { priority: EnrolmentPriority }) {
  const { t } = useI18n();
  return <span className={`badge priority-${priority}`}>{serviceLabel("priority", priority, t)}</span>;
}

/** "7 of 10 places used, 4 waiting, longest wait 31 days". */
export function PlacesFigures({ service }: { service: Service }) {
  const { t, language } = useI18n();
  const values = { used: formatNumber(service.places_used, language), capacity: service.capacity };
  return (
    <p className="service-figures" data-testid="service-figures">
      {service.waiting > 0
        ? t("services.figuresWaiting", {
            ...values,
            waiting: formatNumber(service.waiting, language),
            days: service.longest_wait_days ?? 0,
          })
        : t("services.figures", values)}
    </p>
  );
}
