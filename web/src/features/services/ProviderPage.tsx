import { useState, type ReactNode } from "react";
import { Link, useLocation, useNavigate, useParams } from "react-router-dom";
import { getProvider, listServices } from "../../api/services";
import type { Provider, Service } from "../../api/types";
import { ErrorAlert, LoadMore, Notice, errorMessage } from "../../components/forms";
import { useCursorList } from "../../components/useCursorList";
import { useRecord } from "../../components/useRecord";
import { usePageTitle } from "../../components/usePageTitle";
import { formatNumber } from "../../i18n/format";
import { useI18n } from "../../i18n/i18n";
import { telHref } from "../registry/telHref";
import { useSession } from "../session/session";
import { serviceLabel } from "./labels";
import { LicenceFlag } from "./parts";
import { webAddress } from "./rules";
import { ProviderForm } from "./ProviderForm";
import { StaffPanel } from "./StaffPanel";

/** /providers/new: registering a provider; then its page. */
export function NewProviderPage() {
  const { t } = useI18n();
  usePageTitle(t("providers.newTitle"));
  const navigate = useNavigate();
  return (
    <section className="page" aria-labelledby="new-provider-title">
      <p>
        <Link to="/providers">{t("providers.backToList")}</Link>
      </p>
      <h1 id="new-provider-title">{t("providers.newTitle")}</h1>
      <ProviderForm
        onSaved={(saved) =>
          void navigate(`/providers/${encodeURIComponent(saved.id)}`, { state: { created: saved.name } })
        }
        onCancel={() => void navigate("/providers")}
      />
    </section>
  );
}

/** /providers/:id: a provider's details, their change, and the services it runs. */
export function ProviderPage() {
  const { t } = useI18n();
  const { id = "" } = useParams();
  const location = useLocation();
  const { permissions } = useSession();
  const { record, setRecord, loadError, reload } = useRecord(id, getProvider, { resetOnChange: true });
  const [editing, setEditing] = useState(false);
  const [notice, setNotice] = useState<string | null>(() => {
    const created = (location.state as { created?: string } | null)?.created;
    return created ? t("providers.created", { name: created }) : null;
  });
  usePageTitle(record ? record.name : t("providers.title"));
  const canManage = permissions.has("service.manage");

  return (
    <section className="page" aria-labelledby="provider-title">
      <p>
        <Link to="/providers">{t("providers.backToList")}</Link>
      </p>
      <ErrorAlert message={loadError ? errorMessage(loadError, t) : null} />
      {record ? (
        <>
          <div className="page-header">
            <h1 id="provider-title">{record.name}</h1>
            {canManage && !editing ? (
              <button
                type="button"
                onClick={() => {
                  setNotice(null);
                  setEditing(true);
                }}
              >
                {t("providers.edit")}
              </button>
            ) : null}
          </div>
          <Notice message={notice} />
          {editing ? (
            <ProviderForm
              key={`${record.id}:${record.version}`}
              provider={record}
              onSaved={(saved) => {
                setRecord(saved);
                setEditing(false);
                setNotice(t("providers.saved"));
              }}
              onCancel={() => setEditing(false)}
              onReload={() => void reload()}
            />
          ) : (
            <ProviderDetails provider={record} />
          )}
          <ProviderServices provider={record} canManage={canManage} />
          {canManage ? <StaffPanel provider={record} /> : null}
        </>
      ) : null}
    </section>
  );
}

function ProviderDetails({ provider }: { provider: Provider }) {
  const { t } = useI18n();
  const none = <span className="muted">{t("services.notGiven")}</span>;
  const rows: [string, ReactNode][] = [
    [t("providers.field.kind"), serviceLabel("providerKind", provider.kind, t)],
    [t("providers.field.territory"), provider.territory_name],
    [t("providers.field.legal_id"), provider.legal_id || none],
    [t("providers.field.address"), provider.address || none],
    [t("providers.field.phone"), provider.phone ? <a href={telHref(provider.phone)}>{provider.phone}</a> : none],
    [t("providers.field.email"), provider.email ? <a href={`mailto:${provider.email}`}>{provider.email}</a> : none],
    [
      t("providers.field.website"),
      provider.website ? (
        webAddress(provider.website) ? (
          <a href={webAddress(provider.website) ?? undefined} rel="noopener noreferrer" target="_blank">
            {provider.website}
          </a>
        ) : (
          provider.website
        )
      ) : (
        none
      ),
    ],
  ];
  return (
    <dl className="record">
      {rows.map(([label, value]) => (
        <div key={label}>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

function ProviderServices({ provider, canManage }: { provider: Provider; canManage: boolean }) {
  const { t, language } = useI18n();
  const list = useCursorList<Service>(
    (cursor) => listServices({ provider_id: provider.id, limit: 50, cursor }),
    [provider.id],
  );
  const n = (value: number) => formatNumber(value, language);
  return (
    <section aria-labelledby="provider-services-title">
      <div className="page-header">
        <h2 id="provider-services-title">{t("providers.servicesTitle")}</h2>
        {canManage ? (
          <Link className="button" to={`/services/new?provider=${encodeURIComponent(provider.id)}`}>
            {t("providers.addService")}
          </Link>
        ) : null}
      </div>
      <ErrorAlert message={list.error ? errorMessage(list.error, t) : null} />
      {list.loaded && list.items.length === 0 && !list.error ? (
        <p className="empty-note">{t("providers.servicesEmpty")}</p>
      ) : null}
      {list.items.length > 0 ? (
        <div className="table-scroll">
          <table className="data-table stack-on-phone">
            <caption className="visually-hidden">{t("providers.servicesCaption", { name: provider.name })}</caption>
            <thead>
              <tr>
                <th scope="col">{t("services.field.name")}</th>
                <th scope="col">{t("services.field.type")}</th>
                <th scope="col">{t("services.field.territory")}</th>
                <th scope="col">{t("services.placesColumn")}</th>
                <th scope="col">{t("services.waitingColumn")}</th>
                <th scope="col">{t("services.field.licence_status")}</th>
              </tr>
            </thead>
            <tbody>
              {list.items.map((service) => (
                <tr key={service.id}>
                  <td>
                    <Link to={`/services/${encodeURIComponent(service.id)}`}>{service.name}</Link>
                  </td>
                  <td>{serviceLabel("type", service.type, t)}</td>
                  <td>{service.territory_name}</td>
                  <td className="numeric">
                    {n(service.places_used)} / {n(service.capacity)}
                  </td>
                  <td className="numeric">{n(service.waiting)}</td>
                  <td>
                    <LicenceFlag status={service.licence_status} />
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
