// Pieces the report screens share: which territory and month they show (kept in the address,
// so that a report survives a reload and can be sent as a link), the suppressed mark, a value
// cell that opens the records behind it, the suppression banner.
import { useState } from "react";
import { Link } from "react-router-dom";
import type { Currency, ReportSuppression, ReportUnit, User, RolePermissions } from "../../api/types";
import type { FigureRef } from "../../api/reports";
import { TextField } from "../../components/forms";
import { TerritoryName } from "../../components/TerritoryName";
import { TerritorySearch, type TerritoryRef } from "../../components/TerritorySearch";
import { useQueryParam } from "../../components/useQueryParam";
import { formatNumber } from "../../i18n/format";
import { useI18n } from "../../i18n/i18n";
import { useSession } from "../session/session";
import { cellOf, defaultReportMonth, drillDownPath, isFutureMonth, isMonth, monthOf } from "./figures";
import "./reports.css";

/**
 * The territory a report opens on: that of the first role that reads reports (the user's
 * scope), else the user's home territory.
 */
export function defaultReportTerritory(
  user: Pick<User, "roles" | "home_territory_code" | "home_territory_name"> | null,
  roles: readonly RolePermissions[],
): TerritoryRef | null {
  if (!user) return null;
  const reading = new Set(roles.filter((r) => r.permissions.includes("report.read")).map((r) => r.role));
  const grant = user.roles.find((g) => reading.has(g.role));
  if (grant) return { code: grant.territory_code, name: grant.territory_name };
  return user.home_territory_code ? { code: user.home_territory_code, name: user.home_territory_name } : null;
}

/** The territory and month in the address (`?territory=&month=`), with their defaults. */
export function useReportScope() {
  const { user, roles } = useSession();
  const [territoryCode, setTerritoryCode] = useQueryParam("territory");
  const [monthParam, setMonthParam] = useQueryParam("month");
  // Names of territories picked on this page; the address holds only the code.
  const [names, setNames] = useState<Record<string, TerritoryRef>>({});
  const fallback = defaultReportTerritory(user, roles);
  const code = territoryCode || fallback?.code || "";
  const territory: TerritoryRef | null = code
    ? (names[code] ?? (fallback && fallback.code === code ? fallback : { code, name: code }))
    : null;
  const today = new Date();
  const month = isMonth(monthParam) && !isFutureMonth(monthParam, today) ? monthParam : defaultReportMonth(today);
  return {
    territory,
    month,
    setTerritory: (picked: TerritoryRef | null) => {
      if (picked) setNames((known) => ({ ...known, [picked.code]: picked }));
      setTerritoryCode(picked?.code ?? "");
    },
    setMonth: (next: string) => {
      if (isMonth(next) && !isFutureMonth(next, new Date())) setMonthParam(next);
    },
  };
}

/** The territory search and the month field, above a report or the dashboard. */
export function ScopePicker({
  territory,
  onTerritory,
  month,
  onMonth,
  monthLabel,
}: {
  territory: TerritoryRef | null;
  onTerritory: (picked: TerritoryRef | null) => void;
  month: string;
  onMonth: (month: string) => void;
  monthLabel: string;
}) {
  const { t } = useI18n();
  return (
    <div className="card filter-bar report-scope" role="search" aria-label={t("reports.scope")}>
      <TerritorySearch
        legend={t("reports.territory")}
        value={territory}
        onChange={onTerritory}
        limit={50}
        delayMs={200}
        searchLabel={t("reports.searchTerritory")}
        selectLabel={t("reports.territory")}
        noneLabel={t("picker.none")}
        optionLabel={(found) => TerritoryName.label(found, t)}
      />
      <TextField
        label={monthLabel}
        type="month"
        value={month}
        max={monthOf(new Date())}
        required
        onChange={(e) => onMonth(e.target.value)}
        hint={t("reports.monthHint")}
        data-testid="report-month"
      />
    </div>
  );
}

/** The mark of a suppressed value: "<5" to see, a sentence for screen readers and a tooltip. */
export function SuppressedMark({ text, threshold }: { text: string; threshold: number | null }) {
  const { t, language } = useI18n();
  const explanation =
    threshold === null
      ? t("reports.suppressedNoThreshold")
      : t("reports.suppressedValue", { threshold: formatNumber(threshold, language) });
  return (
    <span className="suppressed" title={explanation} data-testid="suppressed">
      <span aria-hidden="true">{text}</span>
      <span className="visually-hidden">{explanation}</span>
    </span>
  );
}

/**
 * One value of a figure: the number (a link to the records behind it when `drill` names them
 * and there is something to list), or the suppressed mark.
 */
export function ValueCell({
  value,
  unit,
  currency,
  suppression,
  drill,
  linkLabel,
}: {
  value: number | null;
  unit: ReportUnit;
  currency: Currency | null;
  suppression: ReportSuppression;
  drill: FigureRef | null;
  /** The link's accessible name, which says which figure and month it opens. */
  linkLabel?: string;
}) {
  const { language } = useI18n();
  const cell = cellOf(value, unit, currency, suppression, language);
  if (cell.kind === "suppressed") return <SuppressedMark text={cell.text} threshold={cell.threshold} />;
  if (drill && value !== null && value !== 0) {
    return (
      <Link to={drillDownPath(drill)} aria-label={linkLabel} title={linkLabel} className="figure-link">
        {cell.text}
      </Link>
    );
  }
  return <>{cell.text}</>;
}

/** The banner over suppressed figures: why some values read "<5". */
export function SuppressionBanner({ suppression }: { suppression: ReportSuppression }) {
  const { t, language } = useI18n();
  if (!suppression) return null;
  return (
    <div className="alert alert-info" role="note" data-testid="suppression-banner">
      {t("reports.suppressionBanner", { threshold: formatNumber(suppression.threshold, language) })}
    </div>
  );
}
