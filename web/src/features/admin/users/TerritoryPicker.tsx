import { TerritorySearch, type TerritoryRef } from "../../../components/TerritorySearch";
import { TerritoryName } from "../../../components/TerritoryName";
import { useI18n } from "../../../i18n/i18n";
import { levelKey } from "../territories/TerritoriesPage";

export type PickedTerritory = TerritoryRef;

/** Any territory, chosen by search (GET /territories?q=); the matches name their level. */
export function TerritoryPicker({
  legend,
  value,
  onChange,
  error,
}: {
  legend: string;
  value: PickedTerritory | null;
  onChange: (picked: PickedTerritory | null) => void;
  error?: string;
}) {
  const { t } = useI18n();
  return (
    <TerritorySearch
      legend={legend}
      value={value}
      onChange={onChange}
      error={error}
      limit={25}
      delayMs={250}
      searchLabel={t("picker.search")}
      selectLabel={t("picker.territory")}
      noneLabel={t("picker.none")}
      optionLabel={(territory) => {
        const place = TerritoryName.place(territory);
        const values = { name: territory.name, level: t(levelKey(territory.level)), code: territory.code };
        return place ? t("picker.optionIn", { ...values, place }) : t("picker.option", values);
      }}
    />
  );
}
