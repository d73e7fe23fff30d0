import { useState, type ReactNode } from "react";
import { Link, useLocation, useParams } from "react-router-dom";
import { getService, listEnrolments } from "../../api/services";
import type { Enrolment, Service } from "../../api/types";
import { ErrorAlert, Notice, errorMessage } from "../../components/forms";
import { useCursorList } from "../../components/useCursorList";
import { useFocusOnMessage } from "../../components/useFocusOnMessage";
import { useRecord } from "../../components/useRecord";
import { usePageTitle } from "../../components/usePageTitle";
import { formatCalendarDate, formatNumber } from "../../i18n/format";
import { useI18n } from "../../i18n/i18n";
import { languageName } from "../registry/labels";
import { telHref } from "../registry/telHref";
import { useSession } from "../session/session";
import { AttendancePanel } from "./AttendancePanel";
import { countsDays } from "./attendance";
import { EnrolForm } from "./EnrolForm";
import { EnrolmentTables } from "./EnrolmentTables";
import { serviceLabel } from "./labels";
import { LicenceFlag, PlacesFigures } from "./parts";
import { splitEnrolments } from "./rules";

/**
 * /services/:id: what the service is and how to reach it, its places in figures, and for
 * caseworkers and those who run it the persons holding a place and the waiting list in order,
 * with "Enrol a person" and the moves each enrolment allows.
 */
export function ServicePage() {
  const { t, language } = useI18n();
  const { id = "" } = useParams();
  const location = useLocation();
  const { permissions } = useSession();
  const { record, loadError, reload } = useRecord(id, getService, { resetOnChange: true });
  const [notice, setNotice] = useState<string | null>(
    () => (location.state as { notice?: string } | null)?.notice ?? null,
  );
  const noticeRef = useFocusOnMessage<HTMLDivElement>(notice);
  const [enrolling, setEnrolling] = useState(false);
  // Bumped on every change, so that the enrolments are read again.
  const [changes, setChanges] = useState(0);
  usePageTitle(record ? record.name : t("services.listTitle"));
  const seesEnrolments =
    permissions.has("enrolment.work") || permissions.has("service.manage") || permissions.has("provider.work");
  // Who runs the service or works in it counts the days; the server decides again.
  const recordsAttendance = permissions.has("service.manage") || permissions.has("provider.work");
  const enrolments = useCursorList<Enrolment>(
    (cursor) =>
      seesEnrolments
        ? listEnrolments({ service_id: id, state: "current", limit: 200, cursor })
        : Promise.resolve({ items: [], next_cursor: null }),
    [id, seesEnrolments, changes],
  );

  function changed(message: string) {
    setNotice(message);
    setChanges((n) => n + 1);
    void reload();
  }

  const { places, waiting } = splitEnrolments(enrolments.items);
  const canEnrol = permissions.has("enrolment.work");
  return (
    <section className="page" aria-labelledby="service-title">
      <p>
        <Link to="/services">{t("services.backToList")}</Link>
      </p>
      <ErrorAlert message={loadError ? errorMessage(loadError, t) : null} />
      {record ? (
        <>
          <header className="service-header">
            <div className="page-header">
              <h1 id="service-title">{record.name}</h1>
              {permissions.has("service.manage") ? (
                <Link className="button button-secondary" to={`/services/${encodeURIComponent(record.id)}/edit`}>
                  {t("services.edit")}
                </Link>
              ) : null}
            </div>
            <div className="badges">
              <span className="badge">{serviceLabel("type", record.type, t)}</span>
              <LicenceFlag status={record.licence_status} />
              {record.active ? null : <span className="badge">{t("services.inactive")}</span>}
            </div>
            <PlacesFigures service={record} />
          </header>
          <div ref={noticeRef} tabIndex={-1}>
            <Notice message={notice} />
          </div>
          <ServiceFacts service={record} />
          {canEnrol ? (
            <EnrolPanel
              service={record}
              open={enrolling}
              onOpen={() => {
                setNotice(null);
                setEnrolling(true);
              }}
              onClose={() => setEnrolling(false)}
              onEnrolled={(enrolment) => {
                setEnrolling(false);
                changed(
                  enrolment.state === "waiting"
                    ? t("services.enrolledWaiting", {
                        name: enrolment.person.name,
                        position: formatNumber(enrolment.position ?? 0, language),
                      })
                    : t("services.enrolledActive", { name: enrolment.person.name }),
                );
              }}
            />
          ) : null}
          {seesEnrolments ? (
            <>
              <ErrorAlert message={enrolments.error ? errorMessage(enrolments.error, t) : null} />
              {enrolments.loaded ? (
                <EnrolmentTables
                  places={places}
                  waiting={waiting}
                  onMoved={(moved) =>
                    changed(t("services.stateChanged", { name: moved.person.name, state: serviceLabel("state", moved.state, t) }))
                  }
                  onReload={() => {
                    setChanges((n) => n + 1);
                    void reload();
                  }}
                />
              ) : (
                <p role="status">{t("common.loading")}</p>
              )}
              {enrolments.cursor ? (
                <button type="button" className="button-secondary load-more" onClick={enrolments.loadMore} disabled={enrolments.busy}>
                  {t("common.loadMore")}
                </button>
              ) : null}
              {countsDays(record.type) ? (
                <AttendancePanel service={record} canRecord={recordsAttendance} refresh={changes} />
              ) : null}
            </>
          ) : null}
        </>
      ) : null}
    </section>
  );
}

function EnrolPanel({
  service,
  open,
  onOpen,
  onClose,
  onEnrolled,
}: {
  service: Service;
  open: boolean;
  onOpen: () => void;
  onClose: () => void;
  onEnrolled: (enrolment: Enrolment) => void;
}) {
  const { t } = useI18n();
  if (!service.active) return <p className="alert alert-info">{t("services.noEnrolInactive")}</p>;
  if (service.licence_status === "expired") return <p className="alert alert-warning">{t("services.noEnrolExpired")}</p>;
  if (open) return <EnrolForm service={service} onEnrolled={onEnrolled} onCancel={onClose} />;
  return (
    <p>
      <button type="button" onClick={onOpen}>
        {t("services.enrol")}
      </button>
    </p>
  );
}

function ServiceFacts({ service }: { service: Service }) {
  const { t, language } = useI18n();
  const none = <span className="muted">{t("services.notGiven")}</span>;
  const licence = service.licence_number || service.licence_valid_until ? (
    <>
      {service.licence_number ?? ""}
      {service.licence_number && service.licence_valid_until ? " · " : null}
      {service.licence_valid_until
        ? t("services.licenceValidUntil", { date: formatCalendarDate(service.licence_valid_until, language) })
        : null}
    </>
  ) : (
    none
  );
  const rows: [string, ReactNode][] = [
    [
      t("services.field.provider"),
      <Link key="p" to={`/providers/${encodeURIComponent(service.provider.id)}`}>
        {service.provider.name}
      </Link>,
    ],
    [t("services.field.territory"), service.territory_name],
    [
      t("services.field.settlements"),
      service.settlements.length
        ? service.settlements.map((s) => s.name || s.code).join(", ")
        : t("services.servesEveryone", { territory: service.territory_name }),
    ],
    [
      t("services.field.target_groups"),
      service.target_groups.length ? service.target_groups.map((g) => serviceLabel("targetGroup", g, t)).join(", ") : none,
    ],
    [
      t("services.field.languages"),
      service.languages.length ? service.languages.map((code) => languageName(code, language, t)).join(", ") : none,
    ],
    [t("services.field.capacity"), formatNumber(service.capacity, language)],
    [t("services.field.licence"), licence],
    [t("services.field.price"), service.free ? t("services.freeYes") : service.price || none],
    [t("services.field.opening_hours"), service.opening_hours || none],
    [t("services.field.address"), service.address || none],
    [
      t("services.field.how_to_apply"),
      service.how_to_apply ? <span className="pre-line">{service.how_to_apply}</span> : none,
    ],
    [t("services.field.phone"), service.phone ? <a href={telHref(service.phone)}>{service.phone}</a> : none],
    [t("services.field.email"), service.email ? <a href={`mailto:${service.email}`}>{service.email}</a> : none],
  ];
  if (service.description) {
    rows.push([t("services.field.description"), <span key="d" className="pre-line">{service.description}</span>]);
  }
  return (
    <dl className="record" data-testid="service-facts">
      {rows.map(([label, value]) => (
        <div key={label}>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
