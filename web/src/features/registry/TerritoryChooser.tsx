import { TerritoryName } from "../../components/TerritoryName";
import { TerritorySearch, type TerritoryRef } from "../../components/TerritorySearch";
import { useI18n } from "../../i18n/i18n";

export type ChosenTerritory = TerritoryRef;

/**
 * A community (or a settlement inside a given community) chosen by search: type part of the name
 * or the beginning of the code (GET /territories?q=&level=), then pick from the matches. For a
 * settlement the matches are listed as soon as the community is known.
 */
export function TerritoryChooser({
  legend,
  level,
  parent,
  value,
  onChange,
  error,
  optional,
}: {
  legend: string;
  level: "community" | "settlement";
  parent?: string | null;
  value: ChosenTerritory | null;
  onChange: (chosen: ChosenTerritory | null) => void;
  error?: string;
  optional?: boolean;
}) {
  const { t } = useI18n();
  const community = level === "community";
  return (
    <TerritorySearch
      legend={legend}
      value={value}
      onChange={onChange}
      error={error}
      level={level}
      parent={parent}
      listWithoutQuery={level === "settlement" && !!parent}
      limit={50}
      delayMs={200}
      searchLabel={community ? t("registry.searchCommunity") : t("registry.searchSettlement")}
      selectLabel={community ? t("registry.field.community") : t("registry.field.settlement")}
      noneLabel={optional ? t("registry.noSettlement") : t("picker.none")}
      optionLabel={(territory) => TerritoryName.label(territory, t)}
    />
  );
}
