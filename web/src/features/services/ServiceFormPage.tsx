import { useEffect, useId, useState, type FormEvent } from "react";
import { Link, useNavigate, useParams, useSearchParams } from "react-router-dom";
import { ApiError } from "../../api/client";
import { createService, getProvider, getService, updateService } from "../../api/services";
import type { Language, Service, ServiceType, TargetGroup } from "../../api/types";
import {
  ErrorAlert,
  ErrorSummary,
  RequiredNote,
  SelectField,
  StaleVersionAlert,
  TextField,
  errorMessage,
  fieldError,
  useSaveForm,
} from "../../components/forms";
import { TerritoryName } from "../../components/TerritoryName";
import { TerritorySearch } from "../../components/TerritorySearch";
import { useRecord } from "../../components/useRecord";
import { usePageTitle } from "../../components/usePageTitle";
import { useI18n, type Translate } from "../../i18n/i18n";
import { LANGUAGES } from "../../i18n/languages";
import { CheckboxField, TextAreaField, clientProblem } from "../cases/parts";
import { languageName } from "../registry/labels";
import { problemKey, serviceLabel } from "./labels";
import { ProviderSearch } from "./ProviderSearch";
import {
  EMPTY_SERVICE,
  MAX_CAPACITY,
  SERVICE_TYPES,
  TARGET_GROUPS,
  newServiceBody,
  serviceChanges,
  serviceFormOf,
  serviceProblem,
  type ServiceFormState,
} from "./rules";
// The registry's and the cases' styles hold the shared record, form and list rules.
import "../registry/registry.css";
import "../cases/cases.css";
import "./services.css";

/** The error of a list field (`settlement_codes`, `target_groups[2]`, ...), if the API named it. */
function listFieldError(error: unknown, field: string, t: Translate): string | undefined {
  if (error instanceof ApiError && error.field && (error.field === field || error.field.startsWith(`${field}[`))) {
    return errorMessage(error, t);
  }
  return undefined;
}

/** /services/new (?provider= names the provider) and /services/:id/edit. */
export function ServiceFormPage() {
  const { t } = useI18n();
  const { id } = useParams();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const { record, loadError, reload } = useRecord(id, getService, { resetOnChange: true });
  const providerId = id ? null : params.get("provider");
  const [preset, setPreset] = useState<ServiceFormState | null>(providerId ? null : EMPTY_SERVICE);
  const [presetError, setPresetError] = useState<unknown>(null);
  usePageTitle(id ? (record ? t("services.editTitle", { name: record.name }) : t("services.edit")) : t("services.newTitle"));

  // A new service of a named provider starts with the provider, in its territory.
  useEffect(() => {
    if (!providerId) return;
    let current = true;
    getProvider(providerId).then(
      (provider) => {
        if (!current) return;
        const ref = {
          id: provider.id,
          name: provider.name,
          territory_code: provider.territory_code,
          territory_name: provider.territory_name,
        };
        setPreset({
          ...EMPTY_SERVICE,
          provider: ref,
          territory: { code: provider.territory_code, name: provider.territory_name },
        });
      },
      (caught: unknown) => {
        if (!current) return;
        setPresetError(caught);
        setPreset(EMPTY_SERVICE);
      },
    );
    return () => {
      current = false;
    };
  }, [providerId]);

  const back = id ? `/services/${encodeURIComponent(id)}` : "/services";
  return (
    <section className="page" aria-labelledby="service-form-title">
      <p>
        <Link to={back}>{id ? t("services.backToService") : t("services.backToList")}</Link>
      </p>
      <h1 id="service-form-title">
        {id ? (record ? t("services.editTitle", { name: record.name }) : t("services.edit")) : t("services.newTitle")}
      </h1>
      <ErrorAlert message={loadError ? errorMessage(loadError, t) : presetError ? errorMessage(presetError, t) : null} />
      {id && record ? (
        <ServiceForm
          key={`${record.id}:${record.version}`}
          service={record}
          initial={serviceFormOf(record)}
          onSaved={(saved) =>
            void navigate(`/services/${encodeURIComponent(saved.id)}`, { state: { notice: t("services.saved") } })
          }
          onCancel={() => void navigate(back)}
          onReload={() => void reload()}
        />
      ) : null}
      {!id && preset ? (
        <ServiceForm
          initial={preset}
          onSaved={(saved) =>
            void navigate(`/services/${encodeURIComponent(saved.id)}`, {
              state: { notice: t("services.created", { name: saved.name }) },
            })
          }
          onCancel={() => void navigate(back)}
        />
      ) : null}
    </section>
  );
}

function ServiceForm({
  service,
  initial,
  onSaved,
  onCancel,
  onReload,
}: {
  service?: Service;
  initial: ServiceFormState;
  onSaved: (saved: Service) => void;
  onCancel: () => void;
  onReload?: () => void;
}) {
  const { t, language } = useI18n();
  const ids = useId();
  const creating = !service;
  const [form, setForm] = useState<ServiceFormState>(initial);
  const { error, setError, busy, formRef, summaryRef, stale, attempt } = useSaveForm();
  const err = (field: string) => fieldError(error, field, t);
  const settlementsError = listFieldError(error, "settlement_codes", t);
  const groupsError = listFieldError(error, "target_groups", t);
  const languagesError = listFieldError(error, "languages", t);
  const update = (changes: Partial<ServiceFormState>) => setForm((current) => ({ ...current, ...changes }));
  const text =
    (
      field:
        | "name"
        | "description"
        | "capacity"
        | "licence_number"
        | "licence_valid_until"
        | "address"
        | "opening_hours"
        | "price"
        | "how_to_apply"
        | "phone"
        | "email",
    ) =>
    (event: { target: { value: string } }) =>
      update({ [field]: event.target.value });

  function toggle<T extends string>(list: readonly T[], value: T, on: boolean): T[] {
    return on ? [...list.filter((v) => v !== value), value] : list.filter((v) => v !== value);
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    const problem = serviceProblem(form, creating);
    if (problem) {
      setError(clientProblem(problem, t(problemKey(problem.problem))));
      return;
    }
    if (!service) {
      await attempt(async () => onSaved(await createService(newServiceBody(form))));
      return;
    }
    const changes = serviceChanges(service, form);
    if (Object.keys(changes).length === 0) {
      onCancel();
      return;
    }
    await attempt(async () => onSaved(await updateService(service.id, service.version, changes)));
  }

  return (
    <form ref={formRef} onSubmit={(e) => void submit(e)} noValidate>
      {stale && onReload ? <StaleVersionAlert message={t("services.stale")} onReload={onReload} /> : null}
      <RequiredNote />
      {creating ? (
        <>
          <ProviderSearch
            value={form.provider}
            error={err("provider_id")}
            onChange={(provider) =>
              update({
                provider,
                // The service lies within the provider's territory: start from it.
                territory:
                  form.territory ??
                  (provider?.territory_code ? { code: provider.territory_code, name: provider.territory_name ?? "" } : null),
              })
            }
          />
          <TerritorySearch
            legend={t("services.field.territory")}
            value={form.territory}
            onChange={(territory) => update({ territory })}
            error={err("territory_code")}
            limit={50}
            delayMs={200}
            searchLabel={t("services.searchTerritory")}
            selectLabel={t("services.field.territory")}
            noneLabel={t("picker.none")}
            optionLabel={(found) => TerritoryName.label(found, t)}
          />
          {form.provider?.territory_name ? (
            <p className="field-hint">{t("services.territoryHint", { territory: form.provider.territory_name })}</p>
          ) : null}
        </>
      ) : (
        <dl className="record">
          <div>
            <dt>{t("services.field.provider")}</dt>
            <dd>{form.provider?.name}</dd>
          </div>
          <div>
            <dt>{t("services.field.territory")}</dt>
            <dd>{form.territory?.name}</dd>
          </div>
        </dl>
      )}
      <div className="form-grid">
        <TextField label={t("services.field.name")} name="name" required value={form.name} error={err("name")} onChange={text("name")} />
        <SelectField
          label={t("services.field.type")}
          name="type"
          required
          value={form.type}
          error={err("type")}
          onChange={(e) => update({ type: e.target.value as ServiceType | "" })}
        >
          <option value="">{t("services.choose")}</option>
          {SERVICE_TYPES.map((value) => (
            <option key={value} value={value}>
              {serviceLabel("type", value, t)}
            </option>
          ))}
        </SelectField>
        <TextField
          label={t("services.field.capacity")}
          name="capacity"
          type="number"
          inputMode="numeric"
          min={0}
          max={MAX_CAPACITY}
          step={1}
          required
          hint={t("services.capacityHint")}
          value={form.capacity}
          error={err("capacity")}
          onChange={text("capacity")}
        />
        <TextField
          label={t("services.field.licence_number")}
          name="licence_number"
          value={form.licence_number}
          error={err("licence_number")}
          onChange={text("licence_number")}
        />
        <TextField
          label={t("services.field.licence_valid_until")}
          name="licence_valid_until"
          type="date"
          value={form.licence_valid_until}
          error={err("licence_valid_until")}
          onChange={text("licence_valid_until")}
        />
        <TextField label={t("services.field.address")} name="address" value={form.address} error={err("address")} onChange={text("address")} />
      </div>
      <TextAreaField
        label={t("services.field.description")}
        name="description"
        value={form.description}
        error={err("description")}
        onChange={text("description")}
      />
      <fieldset aria-describedby={settlementsError ? `${ids}-settlements-error` : `${ids}-settlements-hint`}>
        <legend>{t("services.field.settlements")}</legend>
        <p className="field-hint" id={`${ids}-settlements-hint`}>
          {t("services.settlementsHint")}
        </p>
        {form.settlements.length ? (
          <ul className="chosen-list" aria-label={t("services.field.settlements")}>
            {form.settlements.map((settlement) => (
              <li key={settlement.code}>
                {settlement.name || settlement.code}
                <button
                  type="button"
                  className="button-secondary"
                  aria-label={t("services.removeSettlement", { name: settlement.name || settlement.code })}
                  onClick={() => update({ settlements: form.settlements.filter((s) => s.code !== settlement.code) })}
                >
                  ×
                </button>
              </li>
            ))}
          </ul>
        ) : (
          <p>{t("services.servesEveryoneForm")}</p>
        )}
        <TerritorySearch
          legend={t("services.addSettlement")}
          value={null}
          onChange={(picked) => {
            if (picked && !form.settlements.some((s) => s.code === picked.code)) {
              update({ settlements: [...form.settlements, { code: picked.code, name: picked.name }] });
            }
          }}
          error={settlementsError}
          limit={50}
          delayMs={200}
          searchLabel={t("services.searchSettlement")}
          selectLabel={t("services.settlementToAdd")}
          noneLabel={t("services.settlementNone")}
          optionLabel={(found) => TerritoryName.label(found, t)}
        />
        {settlementsError ? (
          <p className="field-error" id={`${ids}-settlements-error`}>
            {settlementsError}
          </p>
        ) : null}
      </fieldset>
      <fieldset aria-describedby={groupsError ? `${ids}-groups-error` : undefined}>
        <legend>{t("services.field.target_groups")}</legend>
        <div className="check-grid">
          {TARGET_GROUPS.map((group, i) => (
            <label key={group}>
              <input
                type="checkbox"
                name="target_groups"
                value={group}
                checked={form.target_groups.includes(group)}
                aria-invalid={groupsError && i === 0 ? true : undefined}
                onChange={(e) => update({ target_groups: toggle<TargetGroup>(form.target_groups, group, e.target.checked) })}
              />
              {serviceLabel("targetGroup", group, t)}
            </label>
          ))}
        </div>
        {groupsError ? (
          <p className="field-error" id={`${ids}-groups-error`}>
            {groupsError}
          </p>
        ) : null}
      </fieldset>
      <fieldset aria-describedby={languagesError ? `${ids}-languages-error` : undefined}>
        <legend>{t("services.field.languages")}</legend>
        <div className="check-grid">
          {LANGUAGES.map((code, i) => (
            <label key={code}>
              <input
                type="checkbox"
                name="languages"
                value={code}
                checked={form.languages.includes(code)}
                aria-invalid={languagesError && i === 0 ? true : undefined}
                onChange={(e) => update({ languages: toggle<Language>(form.languages, code, e.target.checked) })}
              />
              {languageName(code, language, t)}
            </label>
          ))}
        </div>
        {languagesError ? (
          <p className="field-error" id={`${ids}-languages-error`}>
            {languagesError}
          </p>
        ) : null}
      </fieldset>
      <div className="form-grid">
        <div>
          <CheckboxField label={t("services.freeCheck")} name="free" checked={form.free} onChange={(free) => update({ free })} />
          {form.free ? null : (
            <TextField
              label={t("services.field.price")}
              name="price"
              required
              hint={t("services.priceHint")}
              value={form.price}
              error={err("price")}
              onChange={text("price")}
            />
          )}
        </div>
        <TextField
          label={t("services.field.opening_hours")}
          name="opening_hours"
          value={form.opening_hours}
          error={err("opening_hours")}
          onChange={text("opening_hours")}
        />
        <TextField label={t("services.field.phone")} name="phone" type="tel" value={form.phone} error={err("phone")} onChange={text("phone")} />
        <TextField label={t("services.field.email")} name="email" type="email" value={form.email} error={err("email")} onChange={text("email")} />
      </div>
      <TextAreaField
        label={t("services.field.how_to_apply")}
        name="how_to_apply"
        value={form.how_to_apply}
        error={err("how_to_apply")}
        onChange={text("how_to_apply")}
      />
      <CheckboxField label={t("services.activeCheck")} name="active" checked={form.active} onChange={(active) => update({ active })} />
      <div className="actions">
        <button type="submit" disabled={busy}>
          {busy ? t("common.saving") : creating ? t("services.create") : t("common.save")}
        </button>
        <button type="button" className="button-secondary" onClick={onCancel}>
          {t("common.cancel")}
        </button>
      </div>
      <ErrorSummary error={stale ? null : error} form={formRef} summaryRef={summaryRef} />
    </form>
  );
}
