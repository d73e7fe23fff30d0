// /reports/records?territory&month&indicator&dimension&value_code&currency: the records behind
// one figure of the monthly report, newest first, with the person or household each concerns.
// Reading them is audited by the server (one entry per page).
import { useEffect, useState } from "react";
import { Link, useSearchParams } from "react-router-dom";
import { getTerritory } from "../../api/endpoints";
import { listReportRecords } from "../../api/reports";
import type { ReportRecord } from "../../api/types";
import { ErrorAlert, LoadMore, errorMessage } from "../../components/forms";
import { useCursorList } from "../../components/useCursorList";
import { usePageTitle } from "../../components/usePageTitle";
import { formatCalendarDate } from "../../i18n/format";
import { useI18n } from "../../i18n/i18n";
import { formatMoney } from "../benefits/money";
import { figureRefFrom, formatMonth } from "./figures";
import { figureLabel, recordDescription } from "./labels";
import "./reports.css";

export function ReportRecordsPage() {
  const { t, language } = useI18n();
  const [params] = useSearchParams();
  const ref = figureRefFrom(params);
  const [territoryName, setTerritoryName] = useState<{ code: string; name: string } | null>(null);
  const figureName = ref ? figureLabel({ dimension: null, value_code: null, label: null, currency: null, ...ref }, t) : "";
  const territory = ref && territoryName?.code === ref.territory ? territoryName.name : (ref?.territory ?? "");
  const title = ref ? t("reports.records.title", { figure: figureName, territory, month: formatMonth(ref.month, language) }) : t("reports.records.invalid");
  usePageTitle(title);

  const key = params.toString();
  useEffect(() => {
    if (!ref) return;
    let current = true;
    getTerritory(ref.territory).then(
      (found) => {
        if (current) setTerritoryName({ code: found.code, name: found.name });
      },
      () => {
        // The records' own answer says what is wrong; the heading keeps the code.
      },
    );
    return () => {
      current = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the address names the territory
  }, [ref?.territory]);

  const list = useCursorList<ReportRecord>(
    (cursor) => (ref ? listReportRecords(ref, { limit: 50, cursor }) : Promise.resolve({ items: [], next_cursor: null })),
    [key],
    { clearOnError: true },
  );

  const back = ref ? `/reports?${new URLSearchParams({ territory: ref.territory, month: ref.month }).toString()}` : "/reports";
  return (
    <section className="page reports-page" aria-labelledby="records-title">
      <nav className="breadcrumbs" aria-label={t("reports.breadcrumbs")}>
        <Link to={back}>{t("reports.backToReport")}</Link>
      </nav>
      <h1 id="records-title">{title}</h1>
      {ref ? <p className="field-hint">{t("reports.records.intro")}</p> : null}
      <ErrorAlert message={list.error ? errorMessage(list.error, t) : null} />
      {ref && list.loaded && !list.busy && list.items.length === 0 && !list.error ? (
        <p className="empty-note">{t("reports.records.empty")}</p>
      ) : null}
      {list.items.length > 0 ? (
        <div className="table-scroll">
          <table className="data-table stack-on-phone" data-testid="records-table">
            <caption className="visually-hidden">{title}</caption>
            <thead>
              <tr>
                <th scope="col">{t("reports.records.date")}</th>
                <th scope="col">{t("reports.records.number")}</th>
                <th scope="col">{t("reports.records.subject")}</th>
                <th scope="col">{t("reports.records.community")}</th>
                <th scope="col">{t("reports.records.detail")}</th>
                <th scope="col" className="number">
                  {t("reports.records.amount")}
                </th>
              </tr>
            </thead>
            <tbody>
              {list.items.map((record) => (
                <tr key={`${record.kind}:${record.id}`} data-testid="record-row">
                  <td>{formatCalendarDate(record.date, language)}</td>
                  <td>
                    {record.number && record.case_id ? (
                      <Link to={`/cases/${encodeURIComponent(record.case_id)}`}>{record.number}</Link>
                    ) : (
                      (record.number ?? "")
                    )}
                  </td>
                  <td>
                    <Subject record={record} />
                  </td>
                  <td>{record.community_name}</td>
                  <td>{recordDescription(record, t)}</td>
                  <td className="number">
                    {record.amount_minor !== null && record.currency ? formatMoney(record.amount_minor, record.currency, language) : ""}
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

function Subject({ record }: { record: ReportRecord }) {
  const { t } = useI18n();
  const subject = record.subject;
  if (!subject) return <span className="muted">{t("reports.records.confidential")}</span>;
  const name = subject.name?.trim() || (subject.kind === "household" ? t("cases.subject.household") : t("cases.subject.person"));
  const path =
    subject.kind === "household"
      ? `/registry/households/${encodeURIComponent(subject.id)}`
      : `/registry/persons/${encodeURIComponent(subject.id)}`;
  return <Link to={path}>{name}</Link>;
}
