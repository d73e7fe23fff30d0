import { useState, type FormEvent } from "react";
import { Link, useLocation, useParams } from "react-router-dom";
import { ApiError } from "../../api/client";
import { explainEligibility, getProgramme, listBudgets, previewProgramme, setBudget } from "../../api/benefits";
import type { Budget, Eligibility, Programme, ProgrammePreview } from "../../api/types";
import { ErrorAlert, Notice, TextField, errorMessage, fieldError } from "../../components/forms";
import { TerritoryName } from "../../components/TerritoryName";
import { TerritorySearch, type TerritoryRef } from "../../components/TerritorySearch";
import { useFocusOnMessage } from "../../components/useFocusOnMessage";
import { useRecord } from "../../components/useRecord";
import { usePageTitle } from "../../components/usePageTitle";
import { formatNumber } from "../../i18n/format";
import { useI18n } from "../../i18n/i18n";
import { clientProblem } from "../cases/parts";
import { useSession } from "../session/session";
import { benefitLabel, problemKey } from "./labels";
import { moneyInputText, parseMoney } from "./money";
import { ruleSentence } from "./outcomes";
import { EligibilityView, HouseholdFinder, Money, MoneyField } from "./parts";
import { addMonths, isMonth, monthOf } from "./rules";

/**
 * /benefits/programmes/:id: what the programme pays and to whom (its rules in words), its
 * budgets period by period with what is committed, the preview over a territory, and the
 * eligibility of one household explained.
 */
export function ProgrammePage() {
  const { t } = useI18n();
  const { id = "" } = useParams();
  const location = useLocation();
  const { permissions } = useSession();
  const { record, loadError } = useRecord(id, getProgramme, { resetOnChange: true });
  const [notice] = useState<string | null>(() => (location.state as { notice?: string } | null)?.notice ?? null);
  const noticeRef = useFocusOnMessage<HTMLDivElement>(notice);
  usePageTitle(record ? record.name : t("benefits.programmesTitle"));

  return (
    <section className="page" aria-labelledby="programme-title">
      <p>
        <Link to="/benefits/programmes">{t("benefits.backToProgrammes")}</Link>
      </p>
      <ErrorAlert message={loadError ? errorMessage(loadError, t) : null} />
      {record ? (
        <>
          <div className="page-header">
            <h1 id="programme-title">{record.name}</h1>
            <div className="actions">
              {permissions.has("benefit.work") && record.status === "open" ? (
                <Link className="button" to={`/benefits/applications/new?programme=${encodeURIComponent(record.id)}`}>
                  {t("benefits.newApplication")}
                </Link>
              ) : null}
              {permissions.has("programme.manage") ? (
                <Link className="button button-secondary" to={`/benefits/programmes/${encodeURIComponent(record.id)}/edit`}>
                  {t("benefits.editProgramme")}
                </Link>
              ) : null}
            </div>
          </div>
          <div ref={noticeRef} tabIndex={-1}>
            <Notice message={notice} />
          </div>
          <ProgrammeFacts programme={record} />
          <BudgetsPanel programme={record} canEdit={permissions.has("programme.manage")} />
          <PreviewPanel programme={record} />
          {permissions.has("benefit.read") ? <EligibilityPanel programme={record} /> : null}
        </>
      ) : null}
    </section>
  );
}

function ProgrammeFacts({ programme }: { programme: Programme }) {
  const { t, language } = useI18n();
  const c = programme.currency;
  return (
    <section className="card" aria-labelledby="programme-facts">
      <h2 id="programme-facts" className="visually-hidden">
        {t("benefits.factsTitle")}
      </h2>
      <dl className="record">
        <dt>{t("benefits.field.kind")}</dt>
        <dd>{benefitLabel("kind", programme.kind, t)}</dd>
        <dt>{t("benefits.field.territory")}</dt>
        <dd>{programme.territory_name}</dd>
        <dt>{t("benefits.field.status")}</dt>
        <dd data-testid="programme-status">{benefitLabel("status", programme.status, t)}</dd>
        <dt>{t("benefits.field.amount")}</dt>
        <dd>
          <Money minor={programme.amount.amount_minor} currency={c} /> · {benefitLabel("amountRule", programme.amount.rule, t)}
        </dd>
        <dt>{t("benefits.field.budget")}</dt>
        <dd>
          <Money minor={programme.budget_minor} currency={c} /> · {benefitLabel("budgetPeriod", programme.budget_period, t)}
        </dd>
        <dt>{t("benefits.field.fourEyes")}</dt>
        <dd>{programme.four_eyes_above_minor === null ? t("benefits.fourEyesNever") : <Money minor={programme.four_eyes_above_minor} currency={c} />}</dd>
        <dt>{t("benefits.documentsLegend")}</dt>
        <dd>{programme.documents.length > 0 ? programme.documents.join(", ") : t("benefits.none")}</dd>
        {programme.description ? (
          <>
            <dt>{t("benefits.field.description")}</dt>
            <dd className="pre-line">{programme.description}</dd>
          </>
        ) : null}
      </dl>
      <h3>{t("benefits.rulesTitle")}</h3>
      {programme.rules.length === 0 ? (
        <p className="empty-note">{t("benefits.noRules")}</p>
      ) : (
        <ol data-testid="programme-rules">
          {programme.rules.map((rule, i) => (
            <li key={i}>{ruleSentence(rule, c, t, language)}</li>
          ))}
        </ol>
      )}
    </section>
  );
}

/** The budget periods of a span of months: amount, committed, available; a period's own amount. */
function BudgetsPanel({ programme, canEdit }: { programme: Programme; canEdit: boolean }) {
  const { t, language } = useI18n();
  const now = monthOf(new Date());
  const [from, setFrom] = useState(now);
  const [to, setTo] = useState(addMonths(now, programme.budget_period === "year" ? 11 : 5));
  const [budgets, setBudgets] = useState<Budget[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [editing, setEditing] = useState<string | null>(null);

  async function load(event?: FormEvent) {
    event?.preventDefault();
    setBusy(true);
    setError(null);
    try {
      setBudgets(await listBudgets(programme.id, from, to));
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="card" aria-labelledby="budgets-title">
      <h2 id="budgets-title">{t("benefits.budgetsTitle")}</h2>
      <form className="filter-bar" onSubmit={(e) => void load(e)}>
        <TextField label={t("benefits.fromMonth")} type="month" value={from} onChange={(e) => setFrom(e.target.value)} pattern="[0-9]{4}-[0-9]{2}" />
        <TextField label={t("benefits.toMonth")} type="month" value={to} onChange={(e) => setTo(e.target.value)} pattern="[0-9]{4}-[0-9]{2}" />
        <div className="field">
          <button type="submit" disabled={busy || !isMonth(from) || !isMonth(to)}>
            {t("benefits.showBudgets")}
          </button>
        </div>
      </form>
      <ErrorAlert message={error ? errorMessage(error, t) : null} />
      {budgets ? (
        <div className="table-scroll">
          <table className="data-table" data-testid="budgets-table">
            <caption>{t("benefits.budgetsCaption", { from, to })}</caption>
            <thead>
              <tr>
                <th scope="col">{t("benefits.col.period")}</th>
                <th scope="col">{t("benefits.col.budget")}</th>
                <th scope="col">{t("benefits.col.committed")}</th>
                <th scope="col">{t("benefits.col.available")}</th>
                {canEdit ? <th scope="col">{t("benefits.col.change")}</th> : null}
              </tr>
            </thead>
            <tbody>
              {budgets.map((b) => (
                <tr key={b.period} data-testid="budget-row">
                  <th scope="row">{b.period}</th>
                  <td className="money">
                    <Money minor={b.amount_minor} currency={programme.currency} />
                    {b.own ? <span className="muted"> · {t("benefits.ownBudget")}</span> : null}
                  </td>
                  <td className="money" data-testid="budget-committed">
                    <Money minor={b.committed_minor} currency={programme.currency} />
                  </td>
                  <td className="money">
                    <Money minor={b.available_minor} currency={programme.currency} />
                  </td>
                  {canEdit ? (
                    <td>
                      {editing === b.period ? (
                        <BudgetEditor
                          programme={programme}
                          budget={b}
                          onDone={(saved) => {
                            setEditing(null);
                            if (saved) setBudgets((list) => list?.map((x) => (x.period === saved.period ? saved : x)) ?? null);
                          }}
                        />
                      ) : (
                        <button type="button" className="button-secondary" onClick={() => setEditing(b.period)}>
                          {t("benefits.changeBudget", { period: b.period })}
                        </button>
                      )}
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="field-hint">{t("benefits.budgetsHint", { amount: moneyInputText(programme.budget_minor, programme.currency, language) })}</p>
      )}
    </section>
  );
}

function BudgetEditor({ programme, budget, onDone }: { programme: Programme; budget: Budget; onDone: (saved: Budget | null) => void }) {
  const { t, language } = useI18n();
  const [text, setText] = useState(() => moneyInputText(budget.amount_minor, programme.currency, language));
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function save(event: FormEvent) {
    event.preventDefault();
    const parsed = parseMoney(text, programme.currency, language);
    if (!parsed.ok) {
      const problem = parsed.problem === "empty" ? "required" : parsed.problem;
      setError(clientProblem({ field: "amount_minor", problem }, t(problemKey(problem))));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      onDone(await setBudget(programme.id, budget.period, parsed.minor));
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }

  const shownError = error instanceof ApiError && error.field !== "amount_minor" ? errorMessage(error, t) : null;
  return (
    <form className="inline-form" onSubmit={(e) => void save(e)} noValidate>
      <MoneyField
        label={t("benefits.budgetOf", { period: budget.period })}
        currency={programme.currency}
        value={text}
        onChange={setText}
        error={fieldError(error, "amount_minor", t)}
        autoFocus
      />
      <ErrorAlert message={shownError ?? (error && !(error instanceof ApiError) ? errorMessage(error, t) : null)} />
      <div className="form-actions">
        <button type="submit" disabled={busy}>
          {t("common.save")}
        </button>
        <button type="button" className="button-secondary" onClick={() => onDone(null)}>
          {t("common.cancel")}
        </button>
      </div>
    </form>
  );
}

/** Counts over a territory: households, eligible, cost, and for each rule the households it removes. */
function PreviewPanel({ programme }: { programme: Programme }) {
  const { t, language } = useI18n();
  const [territory, setTerritory] = useState<TerritoryRef | null>(null);
  const [month, setMonth] = useState(monthOf(new Date()));
  const [preview, setPreview] = useState<ProgrammePreview | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const n = (value: number) => formatNumber(value, language);

  async function run(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      setPreview(await previewProgramme(programme.id, territory?.code, month));
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="card" aria-labelledby="preview-title">
      <h2 id="preview-title">{t("benefits.previewTitle")}</h2>
      <p className="field-hint">{t("benefits.previewHint")}</p>
      <form onSubmit={(e) => void run(e)}>
        <TerritorySearch
          legend={t("benefits.previewTerritory")}
          value={territory}
          onChange={setTerritory}
          limit={50}
          delayMs={200}
          searchLabel={t("benefits.searchTerritory")}
          selectLabel={t("benefits.previewTerritory")}
          noneLabel={t("benefits.programmeTerritory", { name: programme.territory_name })}
          optionLabel={(found) => TerritoryName.label(found, t)}
        />
        <div className="filter-bar">
          <TextField label={t("benefits.month")} type="month" value={month} onChange={(e) => setMonth(e.target.value)} />
          <div className="field">
            <button type="submit" disabled={busy || !isMonth(month)}>
              {busy ? t("common.loading") : t("benefits.runPreview")}
            </button>
          </div>
        </div>
      </form>
      <ErrorAlert message={error ? errorMessage(error, t) : null} />
      {preview ? (
        <div data-testid="preview">
          <dl className="record">
            <dt>{t("benefits.preview.households")}</dt>
            <dd>{n(preview.households)}</dd>
            <dt>{t("benefits.preview.eligible")}</dt>
            <dd data-testid="preview-eligible">{n(preview.eligible)}</dd>
            <dt>{t("benefits.preview.cost")}</dt>
            <dd>
              <Money minor={preview.cost_minor} currency={programme.currency} />
            </dd>
            <dt>{t("benefits.preview.unknownIncome")}</dt>
            <dd>{n(preview.unknown_income)}</dd>
          </dl>
          <div className="table-scroll">
            <table className="data-table">
              <caption>{t("benefits.preview.caption", { month: preview.month })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("benefits.preview.ruleNumber")}</th>
                  <th scope="col">{t("benefits.preview.rule")}</th>
                  <th scope="col">{t("benefits.preview.removed")}</th>
                </tr>
              </thead>
              <tbody>
                {preview.removed.map((r) => {
                  const rule = programme.rules[r.index];
                  return (
                    <tr key={r.index}>
                      <td className="numeric">{n(r.index + 1)}</td>
                      <td>{rule ? ruleSentence(rule, programme.currency, t, language) : benefitLabel("rule", r.kind, t)}</td>
                      <td className="numeric">{n(r.households)}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </div>
      ) : null}
    </section>
  );
}

/** The eligibility of one household, found through one of its members, for a month. */
function EligibilityPanel({ programme }: { programme: Programme }) {
  const { t } = useI18n();
  const [household, setHousehold] = useState<{ id: string; name: string } | null>(null);
  const [month, setMonth] = useState(monthOf(new Date()));
  const [result, setResult] = useState<Eligibility | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function check(event: FormEvent) {
    event.preventDefault();
    if (!household) return;
    setBusy(true);
    setError(null);
    try {
      setResult(await explainEligibility(programme.id, household.id, month));
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="card" aria-labelledby="eligibility-title">
      <h2 id="eligibility-title">{t("benefits.eligibilityTitle")}</h2>
      {household ? (
        <p>
          {t("benefits.householdOf", { name: household.name })}{" "}
          <button type="button" className="button-secondary" onClick={() => { setHousehold(null); setResult(null); }}>
            {t("benefits.otherHousehold")}
          </button>
        </p>
      ) : (
        <HouseholdFinder onPick={(id, name) => setHousehold({ id, name })} />
      )}
      <form className="filter-bar" onSubmit={(e) => void check(e)}>
        <TextField label={t("benefits.month")} type="month" value={month} onChange={(e) => setMonth(e.target.value)} />
        <div className="field">
          <button type="submit" disabled={busy || !household || !isMonth(month)}>
            {t("benefits.checkEligibility")}
          </button>
        </div>
      </form>
      <ErrorAlert message={error ? errorMessage(error, t) : null} />
      {result ? <EligibilityView eligibility={result} rules={programme.rules} currency={programme.currency} /> : null}
    </section>
  );
}
