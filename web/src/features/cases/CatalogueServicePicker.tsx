import { useId, useState, type FormEvent } from "react";
import { listServices } from "../../api/services";
import type { Service, ServiceType } from "../../api/types";
import { ErrorAlert, SelectField, TextField, errorMessage } from "../../components/forms";
import { useI18n } from "../../i18n/i18n";
import { serviceLabel } from "../services/labels";
import { PlacesFigures } from "../services/parts";
import { SERVICE_TYPES } from "../services/rules";

/**
 * Finds a service of the catalogue that a person of `communityCode` may be sent to (placed in
 * the community or above it), by part of its name and its type, and hands the one chosen to
 * `onPick`. Each hit says its provider and its places, so the worker sees who has room.
 */
export function CatalogueServicePicker({
  communityCode,
  error,
  onPick,
}: {
  communityCode: string;
  error?: string | null;
  onPick: (service: Service) => void;
}) {
  const { t } = useI18n();
  const resultsId = useId();
  const [q, setQ] = useState("");
  const [type, setType] = useState<ServiceType | "">("");
  const [hits, setHits] = useState<Service[] | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function search(event?: FormEvent) {
    event?.preventDefault();
    setBusy(true);
    setLoadError(null);
    try {
      const page = await listServices({
        community: communityCode,
        q: q.trim() || undefined,
        type: type || undefined,
        limit: 20,
      });
      setHits(page.items.filter((s) => s.active));
    } catch (caught) {
      setLoadError(caught);
      setHits(null);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="catalogue-picker" role="search" aria-label={t("cases.findService")}>
      <div className="form-grid">
        <TextField
          label={t("cases.findService")}
          name="service_id"
          maxLength={200}
          value={q}
          error={error ?? undefined}
          onChange={(e) => setQ(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === "Enter") void search(e);
          }}
        />
        <SelectField label={t("cases.serviceType")} name="service_type" value={type} onChange={(e) => setType(e.target.value as ServiceType | "")}>
          <option value="">{t("cases.anyServiceType")}</option>
          {SERVICE_TYPES.map((value) => (
            <option key={value} value={value}>
              {serviceLabel("type", value, t)}
            </option>
          ))}
        </SelectField>
      </div>
      <div className="actions">
        <button type="button" className="button-secondary" disabled={busy} aria-controls={resultsId} onClick={() => void search()}>
          {t("cases.searchServices")}
        </button>
      </div>
      <ErrorAlert message={loadError ? errorMessage(loadError, t) : null} />
      <div id={resultsId} aria-live="polite">
        {hits && hits.length === 0 ? <p className="empty-note">{t("cases.noServicesFound")}</p> : null}
        {hits && hits.length > 0 ? (
          <ul className="service-hits" aria-label={t("cases.servicesFound")}>
            {hits.map((service) => (
              <li key={service.id} data-testid="service-hit">
                <strong>{service.name}</strong>
                <span className="muted">
                  {service.provider.name} · {serviceLabel("type", service.type, t)} · {service.territory_name}
                </span>
                <PlacesFigures service={service} />
                <button
                  type="button"
                  className="button-secondary"
                  aria-label={t("cases.chooseServiceNamed", { name: service.name })}
                  onClick={() => onPick(service)}
                >
                  {t("cases.chooseService")}
                </button>
              </li>
            ))}
          </ul>
        ) : null}
      </div>
    </div>
  );
}
