// /admin/dhis2: how the monthly report goes to DHIS2. The data set, the data element (and
// category option combination) of each figure, the organisation unit of each territory; saved
// whole, against the version that was read.
import { useEffect, useState, type FormEvent } from "react";
import { getDhis2Mapping, saveDhis2Mapping } from "../../api/reports";
import type { Currency, Dhis2Mapping, Dhis2MappingChanges, ReportDimension, ReportIndicator } from "../../api/types";
import {
  ErrorAlert,
  ErrorSummary,
  Notice,
  SelectField,
  StaleVersionAlert,
  TextField,
  errorMessage,
  fieldError,
  useSaveForm,
} from "../../components/forms";
import { usePageTitle } from "../../components/usePageTitle";
import { useI18n } from "../../i18n/i18n";
import { CURRENCIES, DIMENSIONS, INDICATORS } from "./figures";
import { dimensionLabel, indicatorLabel } from "./labels";
import "./reports.css";

interface ElementRow {
  id: number;
  indicator: ReportIndicator;
  dimension: ReportDimension | "";
  value_code: string;
  currency: Currency | "";
  data_element: string;
  category_option_combo: string;
}

interface OrgUnitRow {
  id: number;
  territory_code: string;
  org_unit: string;
}

/** DHIS2's default category option combination, for a data element without categories. */
const DEFAULT_COMBO = "HllvX50cXC0";

let nextRowId = 1;
const rowId = () => nextRowId++;

/** The form's rows as the API's body: blanks as null, codes trimmed. */
export function mappingBody(dataSet: string, elements: readonly ElementRow[], orgUnits: readonly OrgUnitRow[]): Dhis2MappingChanges {
  const orNull = (text: string) => (text.trim() === "" ? null : text.trim());
  return {
    data_set: orNull(dataSet),
    data_elements: elements.map((row) => ({
      indicator: row.indicator,
      dimension: row.dimension || null,
      value_code: row.dimension ? orNull(row.value_code) : null,
      currency: row.indicator === "aid_amount" ? row.currency || null : null,
      data_element: row.data_element.trim(),
      category_option_combo: row.category_option_combo.trim(),
    })),
    org_units: orgUnits.map((row) => ({ territory_code: row.territory_code.trim(), org_unit: row.org_unit.trim() })),
  };
}

export function Dhis2MappingPage() {
  const { t } = useI18n();
  usePageTitle(t("dhis2.title"));
  const [mapping, setMapping] = useState<Dhis2Mapping | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [reloads, setReloads] = useState(0);
  const [notice, setNotice] = useState<string | null>(null);

  useEffect(() => {
    let current = true;
    getDhis2Mapping().then(
      (loaded) => {
        if (!current) return;
        setMapping(loaded);
        setLoadError(null);
      },
      (caught: unknown) => current && setLoadError(caught),
    );
    return () => {
      current = false;
    };
  }, [reloads]);

  return (
    <section className="page reports-page" aria-labelledby="dhis2-title">
      <h1 id="dhis2-title">{t("dhis2.title")}</h1>
      <p className="field-hint">{t("dhis2.intro")}</p>
      <ErrorAlert message={loadError ? errorMessage(loadError, t) : null} />
      <Notice message={notice} />
      {mapping ? (
        <MappingForm
          key={mapping.version}
          mapping={mapping}
          onSaved={(saved) => {
            setMapping(saved);
            setNotice(t("dhis2.saved"));
          }}
          onReload={() => {
            setNotice(null);
            setReloads((n) => n + 1);
          }}
        />
      ) : loadError ? null : (
        <p role="status">{t("common.loading")}</p>
      )}
    </section>
  );
}

function MappingForm({
  mapping,
  onSaved,
  onReload,
}: {
  mapping: Dhis2Mapping;
  onSaved: (saved: Dhis2Mapping) => void;
  onReload: () => void;
}) {
  const { t } = useI18n();
  const [dataSet, setDataSet] = useState(mapping.data_set ?? "");
  const [elements, setElements] = useState<ElementRow[]>(() =>
    mapping.data_elements.map((e) => ({
      id: rowId(),
      indicator: e.indicator,
      dimension: e.dimension ?? "",
      value_code: e.value_code ?? "",
      currency: e.currency ?? "",
      data_element: e.data_element,
      category_option_combo: e.category_option_combo,
    })),
  );
  const [orgUnits, setOrgUnits] = useState<OrgUnitRow[]>(() =>
    mapping.org_units.map((o) => ({ id: rowId(), territory_code: o.territory_code, org_unit: o.org_unit })),
  );
  const { error, busy, formRef, summaryRef, stale, attempt } = useSaveForm();

  const setElement = (id: number, change: Partial<ElementRow>) =>
    setElements((rows) => rows.map((row) => (row.id === id ? { ...row, ...change } : row)));
  const setOrgUnit = (id: number, change: Partial<OrgUnitRow>) =>
    setOrgUnits((rows) => rows.map((row) => (row.id === id ? { ...row, ...change } : row)));

  async function submit(event: FormEvent) {
    event.preventDefault();
    await attempt(async () => {
      onSaved(await saveDhis2Mapping(mappingBody(dataSet, elements, orgUnits), mapping.version));
    });
  }

  return (
    <form ref={formRef} onSubmit={(e) => void submit(e)} noValidate className="dhis2-form">
      {stale ? <StaleVersionAlert message={t("dhis2.stale")} onReload={onReload} /> : null}
      <div className="card">
        <TextField
          label={t("dhis2.dataSet")}
          name="data_set"
          value={dataSet}
          maxLength={11}
          autoComplete="off"
          hint={t("dhis2.uidHint")}
          error={fieldError(error, "data_set", t)}
          onChange={(e) => setDataSet(e.target.value)}
        />
      </div>
      <fieldset className="card">
        <legend>{t("dhis2.dataElements")}</legend>
        {elements.length === 0 ? <p className="empty-note">{t("dhis2.noDataElements")}</p> : null}
        {elements.map((row, i) => {
          const field = (name: string) => fieldError(error, `data_elements[${i}].${name}`, t);
          return (
            <div className="mapping-row" key={row.id} data-testid="data-element-row" role="group" aria-label={t("dhis2.rowLabel", { n: i + 1 })}>
              <SelectField
                label={t("dhis2.indicator")}
                value={row.indicator}
                error={field("indicator")}
                onChange={(e) => setElement(row.id, { indicator: e.target.value as ReportIndicator })}
              >
                {INDICATORS.map((indicator) => (
                  <option key={indicator} value={indicator}>
                    {indicatorLabel(indicator, t)}
                  </option>
                ))}
              </SelectField>
              <SelectField
                label={t("dhis2.dimension")}
                value={row.dimension}
                error={field("dimension")}
                onChange={(e) => setElement(row.id, { dimension: e.target.value as ReportDimension | "" })}
              >
                <option value="">{t("dhis2.total")}</option>
                {DIMENSIONS.map((dimension) => (
                  <option key={dimension} value={dimension}>
                    {dimensionLabel(dimension, t)}
                  </option>
                ))}
              </SelectField>
              <TextField
                label={t("dhis2.valueCode")}
                value={row.value_code}
                disabled={!row.dimension}
                autoComplete="off"
                error={field("value_code")}
                onChange={(e) => setElement(row.id, { value_code: e.target.value })}
              />
              <SelectField
                label={t("dhis2.currency")}
                value={row.indicator === "aid_amount" ? row.currency : ""}
                disabled={row.indicator !== "aid_amount"}
                error={field("currency")}
                onChange={(e) => setElement(row.id, { currency: e.target.value as Currency | "" })}
              >
                <option value="">{t("dhis2.noCurrency")}</option>
                {CURRENCIES.map((currency) => (
                  <option key={currency} value={currency}>
                    {currency}
                  </option>
                ))}
              </SelectField>
              <TextField
                label={t("dhis2.dataElement")}
                value={row.data_element}
                required
                maxLength={11}
                autoComplete="off"
                error={field("data_element") ?? fieldError(error, `data_elements[${i}]`, t)}
                onChange={(e) => setElement(row.id, { data_element: e.target.value })}
              />
              <TextField
                label={t("dhis2.categoryOptionCombo")}
                value={row.category_option_combo}
                required
                maxLength={11}
                autoComplete="off"
                error={field("category_option_combo")}
                onChange={(e) => setElement(row.id, { category_option_combo: e.target.value })}
              />
              <button
                type="button"
                className="button-secondary"
                onClick={() => setElements((rows) => rows.filter((r) => r.id !== row.id))}
              >
                {t("dhis2.removeRow", { n: i + 1 })}
              </button>
            </div>
          );
        })}
        <div className="actions">
          <button
            type="button"
            className="button-secondary"
            data-testid="add-data-element"
            onClick={() =>
              setElements((rows) => [
                ...rows,
                {
                  id: rowId(),
                  indicator: "audiences",
                  dimension: "",
                  value_code: "",
                  currency: "",
                  data_element: "",
                  category_option_combo: DEFAULT_COMBO,
                },
              ])
            }
          >
            {t("dhis2.addDataElement")}
          </button>
        </div>
      </fieldset>
      <fieldset className="card">
        <legend>{t("dhis2.orgUnits")}</legend>
        {orgUnits.length === 0 ? <p className="empty-note">{t("dhis2.noOrgUnits")}</p> : null}
        {orgUnits.map((row, i) => {
          const field = (name: string) => fieldError(error, `org_units[${i}].${name}`, t);
          return (
            <div className="mapping-row" key={row.id} data-testid="org-unit-row" role="group" aria-label={t("dhis2.rowLabel", { n: i + 1 })}>
              <TextField
                label={t("dhis2.territoryCode")}
                value={row.territory_code}
                required
                autoComplete="off"
                error={field("territory_code") ?? fieldError(error, `org_units[${i}]`, t)}
                onChange={(e) => setOrgUnit(row.id, { territory_code: e.target.value })}
              />
              <TextField
                label={t("dhis2.orgUnit")}
                value={row.org_unit}
                required
                maxLength={11}
                autoComplete="off"
                error={field("org_unit")}
                onChange={(e) => setOrgUnit(row.id, { org_unit: e.target.value })}
              />
              <button
                type="button"
                className="button-secondary"
                onClick={() => setOrgUnits((rows) => rows.filter((r) => r.id !== row.id))}
              >
                {t("dhis2.removeRow", { n: i + 1 })}
              </button>
            </div>
          );
        })}
        <div className="actions">
          <button
            type="button"
            className="button-secondary"
            data-testid="add-org-unit"
            onClick={() => setOrgUnits((rows) => [...rows, { id: rowId(), territory_code: "", org_unit: "" }])}
          >
            {t("dhis2.addOrgUnit")}
          </button>
        </div>
      </fieldset>
      <div className="actions">
        <button type="submit" disabled={busy}>
          {busy ? t("common.saving") : t("common.save")}
        </button>
      </div>
      <ErrorSummary error={stale ? null : error} form={formRef} summaryRef={summaryRef} />
    </form>
  );
}
