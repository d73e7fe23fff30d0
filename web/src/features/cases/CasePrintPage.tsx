import { Link, useParams } from "react-router-dom";
import { getCase } from "../../api/cases";
import { ErrorAlert, errorMessage } from "../../components/forms";
import { useRecord } from "../../components/useRecord";
import { usePageTitle } from "../../components/usePageTitle";
import { formatDateTime } from "../../i18n/format";
import { useI18n } from "../../i18n/i18n";
import { useSession } from "../session/session";
import { CaseSummaryFields, TimelinePanel } from "./CasePage";
import { codeLabel } from "./labels";
import { RiskBadge, StateBadge } from "./parts";
import { PlanPanel } from "./PlanPanel";
import { ReferralsPanel } from "./ReferralsPanel";

/** /cases/:id/print: the whole case file on paper (the print style sheet hides the app). */
export function CasePrintPage() {
  const { t, language } = useI18n();
  const { id = "" } = useParams();
  const { user } = useSession();
  const { record, loadError } = useRecord(id, getCase);
  usePageTitle(record ? t("cases.caseTitle", { number: record.number }) : t("cases.print"));
  return (
    <section className="page case-print" aria-labelledby="print-title">
      <div className="actions no-print">
        <Link to={`/cases/${encodeURIComponent(id)}`}>{t("cases.backToCase")}</Link>
        <button type="button" onClick={() => window.print()}>
          {t("cases.printNow")}
        </button>
      </div>
      <ErrorAlert message={loadError ? errorMessage(loadError, t) : null} />
      {record ? (
        <>
          <h1 id="print-title">{t("cases.caseTitle", { number: record.number })}</h1>
          <p className="muted">
            {t("cases.printedAt", { date: formatDateTime(new Date().toISOString(), language), name: user?.display_name ?? "" })}
          </p>
          <p>
            <StateBadge state={record.state} pending={!!record.closure_request} /> <RiskBadge risk={record.risk_level} />
            {record.confidential ? <span className="badge"> {t("cases.confidential")}</span> : null}
          </p>
          <CaseSummaryFields record={record} />
          {record.content_visible ? (
            <>
              <h2>{t("cases.tab.plan")}</h2>
              <PlanPanel record={record} onChanged={() => undefined} printing />
              <h2>{t("cases.tab.referrals")}</h2>
              <ReferralsPanel record={record} onChanged={() => undefined} printing />
              <h2>{t("cases.tab.timeline")}</h2>
              <TimelinePanel caseId={record.id} refresh={0} printing />
            </>
          ) : (
            <p className="alert alert-info">{t("cases.restricted")}</p>
          )}
          <p className="print-only muted">{codeLabel("state", record.state, t)}</p>
        </>
      ) : null}
    </section>
  );
}
