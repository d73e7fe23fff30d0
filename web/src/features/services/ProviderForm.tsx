import { useId, useState, type FormEvent } from "react";
import { createProvider, updateProvider } from "../../api/services";
import type { Provider, ProviderKind } from "../../api/types";
import {
  ErrorSummary,
  RequiredNote,
  SelectField,
  StaleVersionAlert,
  TextField,
  fieldError,
  useSaveForm,
} from "../../components/forms";
import { TerritoryName } from "../../components/TerritoryName";
import { TerritorySearch } from "../../components/TerritorySearch";
import { useI18n } from "../../i18n/i18n";
import { clientProblem } from "../cases/parts";
import { problemKey, serviceLabel } from "./labels";
import {
  EMPTY_PROVIDER,
  PROVIDER_KINDS,
  newProviderBody,
  providerChanges,
  providerFormOf,
  providerProblem,
  type ProviderFormState,
} from "./rules";

/**
 * A provider's fields: a new one (with its territory, which never changes after) or the
 * changes to one, sent with If-Match. The API's errors show next to their field.
 */
export function ProviderForm({
  provider,
  onSaved,
  onCancel,
  onReload,
}: {
  provider?: Provider;
  onSaved: (saved: Provider) => void;
  onCancel: () => void;
  /** After a version conflict: load the provider again. */
  onReload?: () => void;
}) {
  const { t } = useI18n();
  const titleId = useId();
  const creating = !provider;
  const [form, setForm] = useState<ProviderFormState>(provider ? providerFormOf(provider) : EMPTY_PROVIDER);
  const { error, setError, busy, formRef, summaryRef, stale, attempt } = useSaveForm();
  const err = (field: string) => fieldError(error, field, t);
  const set =
    (field: "name" | "legal_id" | "address" | "phone" | "email" | "website") =>
    (event: { target: { value: string } }) =>
      setForm((current) => ({ ...current, [field]: event.target.value }));

  async function submit(event: FormEvent) {
    event.preventDefault();
    const problem = providerProblem(form, creating);
    if (problem) {
      setError(clientProblem(problem, t(problemKey(problem.problem))));
      return;
    }
    if (!provider) {
      await attempt(async () => onSaved(await createProvider(newProviderBody(form))));
      return;
    }
    const changes = providerChanges(provider, form);
    if (Object.keys(changes).length === 0) {
      onCancel();
      return;
    }
    await attempt(async () => onSaved(await updateProvider(provider.id, provider.version, changes)));
  }

  return (
    <form
      className={creating ? undefined : "inline-form"}
      ref={formRef}
      onSubmit={(e) => void submit(e)}
      noValidate
      aria-labelledby={creating ? undefined : titleId}
    >
      {creating ? null : <h2 id={titleId}>{t("providers.edit")}</h2>}
      {stale && onReload ? <StaleVersionAlert message={t("providers.stale")} onReload={onReload} /> : null}
      <RequiredNote />
      {creating ? (
        <TerritorySearch
          legend={t("providers.field.territory")}
          value={form.territory}
          onChange={(territory) => setForm((current) => ({ ...current, territory }))}
          error={err("territory_code")}
          limit={50}
          delayMs={200}
          searchLabel={t("services.searchTerritory")}
          selectLabel={t("providers.field.territory")}
          noneLabel={t("picker.none")}
          optionLabel={(found) => TerritoryName.label(found, t)}
        />
      ) : null}
      <div className="form-grid">
        <TextField
          label={t("providers.field.name")}
          name="name"
          required
          value={form.name}
          error={err("name")}
          onChange={set("name")}
        />
        <SelectField
          label={t("providers.field.kind")}
          name="kind"
          required
          value={form.kind}
          error={err("kind")}
          onChange={(e) => setForm((current) => ({ ...current, kind: e.target.value as ProviderKind | "" }))}
        >
          <option value="">{t("services.choose")}</option>
          {PROVIDER_KINDS.map((kind) => (
            <option key={kind} value={kind}>
              {serviceLabel("providerKind", kind, t)}
            </option>
          ))}
        </SelectField>
        <TextField
          label={t("providers.field.legal_id")}
          name="legal_id"
          value={form.legal_id}
          error={err("legal_id")}
          onChange={set("legal_id")}
        />
        <TextField
          label={t("providers.field.address")}
          name="address"
          value={form.address}
          error={err("address")}
          onChange={set("address")}
        />
        <TextField
          label={t("providers.field.phone")}
          name="phone"
          type="tel"
          value={form.phone}
          error={err("phone")}
          onChange={set("phone")}
        />
        <TextField
          label={t("providers.field.email")}
          name="email"
          type="email"
          value={form.email}
          error={err("email")}
          onChange={set("email")}
        />
        <TextField
          label={t("providers.field.website")}
          name="website"
          type="url"
          value={form.website}
          error={err("website")}
          onChange={set("website")}
        />
      </div>
      <div className="actions">
        <button type="submit" disabled={busy}>
          {busy ? t("common.saving") : creating ? t("providers.create") : t("common.save")}
        </button>
        <button type="button" className="button-secondary" onClick={onCancel}>
          {t("common.cancel")}
        </button>
      </div>
      <ErrorSummary error={stale ? null : error} form={formRef} summaryRef={summaryRef} />
    </form>
  );
}
