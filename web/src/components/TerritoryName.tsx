import type { Translate } from "../i18n/i18n";
import { useI18n } from "../i18n/i18n";

/**
 * Code of the installation root (path `/`): it stands above the countries, and a grant over it
 * (the first administrator's) covers the whole installation. The code is internal; users see
 * the scope named in words.
 */
export const INSTALLATION_ROOT_CODE = "ROOT";

/** A territory as the API names it beside a grant or a record: its code, and its name if given. */
export interface NamedTerritory {
  code: string;
  name?: string | null;
  /** The territories above it, from the country down (GET /territories gives them). */
  ancestors?: readonly { code: string; name: string; level: string }[];
}

/** How the UI names a territory; the only place that knows the installation root's code. */
export const TerritoryName = {
  isInstallationRoot(code: string): boolean {
    return code === INSTALLATION_ROOT_CODE;
  },

  /** The words for a territory in a sentence: the root's phrase, else its name, else its code. */
  text(territory: NamedTerritory, t: Translate): string {
    if (TerritoryName.isInstallationRoot(territory.code)) return t("territory.wholeInstallation");
    return territory.name || territory.code;
  },

  /**
   * Where a territory lies, nearest parent first and the country left out ("Бучанський район,
   * Київська область"): what tells apart places of one name. Empty when its ancestors are not
   * known or it hangs under its country.
   */
  place(territory: NamedTerritory): string {
    const above = (territory.ancestors ?? []).filter((ancestor) => ancestor.level !== "country");
    return above
      .map((ancestor) => ancestor.name)
      .reverse()
      .join(", ");
  },

  /**
   * A territory in a list of choices, "Name, District, Region (CODE)" (the place when its
   * ancestors are known); the root by its phrase alone.
   */
  label(territory: NamedTerritory, t: Translate): string {
    if (TerritoryName.isInstallationRoot(territory.code)) return t("territory.wholeInstallation");
    if (!territory.name) return territory.code;
    const place = TerritoryName.place(territory);
    return place ? `${territory.name}, ${place} (${territory.code})` : `${territory.name} (${territory.code})`;
  },
};

/**
 * A territory's code, as lists and summaries show it. The root reads as its phrase instead, or
 * as nothing where a sentence beside it already names it (`besideName`).
 */
export function TerritoryCode({
  code,
  besideName = false,
  className,
}: {
  code: string;
  besideName?: boolean;
  className?: string;
}) {
  const { t } = useI18n();
  if (TerritoryName.isInstallationRoot(code)) return besideName ? null : <>{t("territory.wholeInstallation")}</>;
  return <code className={className}>{code}</code>;
}
