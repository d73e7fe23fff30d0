// /registry/duplicates: the possible duplicates under a territory, best first, each with a link
// to its review; for those who may, a run that looks for duplicates now, with its progress and
// summary (docs/dedup-api.md).
import { useId, useState } from "react";
import { Link } from "react-router-dom";
import { listDuplicates } from "../../api/dedup";
import type { DuplicatePair, DuplicateRun, DuplicateStatus, PersonHit } from "../../api/types";
import { ErrorAlert, LoadMore, SelectField, errorMessage } from "../../components/forms";
import { TerritoryName } from "../../components/TerritoryName";
import { TerritorySearch } from "../../components/TerritorySearch";
import { useCursorList } from "../../components/useCursorList";
import { usePageTitle } from "../../components/usePageTitle";
import { formatDateTime, formatNumber, formatPercent } from "../../i18n/format";
import { useI18n } from "../../i18n/i18n";
import { useSession } from "../session/session";
import { formatBirthDate } from "../registry/labels";
import "../registry/registry.css";
import "./duplicates.css";
import { DUPLICATE_STATUSES, DuplicateLabels, formatSeconds, isRunning } from "./labels";
import { useDuplicateRun } from "./useDuplicateRun";
import { useDuplicatesScope } from "./useDuplicatesScope";

export function DuplicatesPage() {
  const { t } = useI18n();
  usePageTitle(t("duplicates.title"));
  const { permissions } = useSession();
  const scope = useDuplicatesScope();
  const code = scope.territory?.code;
  // A finished run changes the list: read it again.
  const [generation, setGeneration] = useState(0);
  const list = useCursorList<DuplicatePair>(
    (cursor) => listDuplicates({ territory: code, status: scope.status, limit: 50, cursor }),
    [code, scope.status, generation],
    { clearOnError: true },
  );
  const run = useDuplicateRun(code, () => setGeneration((g) => g + 1));

  return (
    <section className="page duplicates-page" aria-labelledby="duplicates-title">
      <div className="page-header">
        <h1 id="duplicates-title">{t("duplicates.title")}</h1>
        <Link to={code ? `/registry/merges?territory=${encodeURIComponent(code)}` : "/registry/merges"}>
          {t("duplicates.mergesLink")}
        </Link>
      </div>
      <p className="muted">{t("duplicates.intro")}</p>
      <div className="card filter-bar duplicates-scope" role="search" aria-label={t("duplicates.scope")}>
        <TerritorySearch
          legend={t("duplicates.territory")}
          value={scope.territory}
          onChange={scope.setTerritory}
          limit={50}
          delayMs={200}
          searchLabel={t("duplicates.searchTerritory")}
          selectLabel={t("duplicates.territory")}
          noneLabel={t("picker.none")}
          optionLabel={(found) => TerritoryName.label(found, t)}
        />
        <SelectField
          label={t("duplicates.statusFilter")}
          value={scope.status}
          onChange={(e) => scope.setStatus(e.target.value as DuplicateStatus)}
        >
          {DUPLICATE_STATUSES.map((status) => (
            <option key={status} value={status}>
              {DuplicateLabels.status(status, t)}
            </option>
          ))}
        </SelectField>
      </div>
      <RunPanel
        run={run.run}
        error={run.error}
        starting={run.starting}
        canStart={permissions.has("dedup.run") && !!code}
        onStart={() => void run.start()}
      />
      <ErrorAlert message={list.error ? errorMessage(list.error, t) : null} />
      {!code ? <p className="empty-note">{t("duplicates.chooseTerritory")}</p> : null}
      {list.busy && !list.loaded ? <p role="status">{t("common.loading")}</p> : null}
      {list.loaded && !list.error && list.items.length === 0 ? (
        <p className="empty-state" role="status">
          {t("duplicates.none")}
        </p>
      ) : null}
      {list.items.length > 0 ? <PairsTable pairs={list.items} /> : null}
      {list.cursor ? <LoadMore onClick={list.loadMore} busy={list.busy} /> : null}
    </section>
  );
}

function RunPanel({
  run,
  error,
  starting,
  canStart,
  onStart,
}: {
  run: DuplicateRun | null;
  error: unknown;
  starting: boolean;
  canStart: boolean;
  onStart: () => void;
}) {
  const { t, language } = useI18n();
  const progressId = useId();
  const running = isRunning(run);
  if (!canStart && !run && !error) return null;
  return (
    <section className="card duplicates-run" aria-labelledby={`${progressId}-title`}>
      <h2 id={`${progressId}-title`}>{t("duplicates.run.title")}</h2>
      <ErrorAlert message={error ? errorMessage(error, t) : null} />
      {run && running ? (
        <div className="progress-block" aria-live="polite">
          <label htmlFor={progressId}>
            {t("duplicates.run.progress", { percent: formatPercent(run.progress, language) })}
          </label>
          <progress id={progressId} max={1} value={run.progress} />
        </div>
      ) : null}
      {run && !running ? (
        <div aria-live="polite" data-testid="run-summary">
          <p>
            {run.status === "failed"
              ? t("duplicates.run.failed", { time: formatDateTime(run.finished_at ?? run.started_at, language) })
              : t("duplicates.run.finished", { time: formatDateTime(run.finished_at ?? run.started_at, language) })}
          </p>
          {run.status === "failed" && run.error ? <p className="muted">{run.error}</p> : null}
          {run.status === "done" ? (
            <dl className="summary duplicates-run-summary">
              <div>
                <dt>{t("duplicates.run.records")}</dt>
                <dd>{formatNumber(run.records, language)}</dd>
              </div>
              <div>
                <dt>{t("duplicates.run.candidatePairs")}</dt>
                <dd>{formatNumber(run.candidate_pairs, language)}</dd>
              </div>
              <div>
                <dt>{t("duplicates.run.proposedPairs")}</dt>
                <dd>{formatNumber(run.proposed_pairs, language)}</dd>
              </div>
              <div>
                <dt>{t("duplicates.run.groups")}</dt>
                <dd>{formatNumber(run.groups, language)}</dd>
              </div>
              <div>
                <dt>{t("duplicates.run.seconds")}</dt>
                <dd>{formatSeconds(run.seconds, language)}</dd>
              </div>
            </dl>
          ) : null}
        </div>
      ) : null}
      {!run && !error ? <p className="muted">{t("duplicates.run.never")}</p> : null}
      {canStart ? (
        <div className="actions">
          <button type="button" onClick={onStart} disabled={starting || running}>
            {starting || running ? t("duplicates.run.running") : t("duplicates.run.start")}
          </button>
        </div>
      ) : null}
    </section>
  );
}

function PersonCell({ person }: { person: PersonHit }) {
  const { language } = useI18n();
  return (
    <>
      <Link to={`/registry/persons/${encodeURIComponent(person.id)}`}>
        {[person.family_name, person.given_name, person.patronymic].filter(Boolean).join(" ")}
      </Link>
      <br />
      <span className="muted">
        {[formatBirthDate(person.birth_date, language), person.community_name].filter(Boolean).join(" · ")}
      </span>
    </>
  );
}

function PairsTable({ pairs }: { pairs: readonly DuplicatePair[] }) {
  const { t, language } = useI18n();
  const captionId = useId();
  return (
    <div className="table-scroll">
      <table className="data-table duplicates-table" aria-labelledby={captionId}>
        <caption id={captionId}>{t("duplicates.tableCaption")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("duplicates.col.older")}</th>
            <th scope="col">{t("duplicates.col.newer")}</th>
            <th scope="col" className="number">
              {t("duplicates.col.probability")}
            </th>
            <th scope="col">{t("duplicates.col.status")}</th>
            <th scope="col">
              <span className="visually-hidden">{t("duplicates.col.review")}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {pairs.map((pair) => (
            <tr key={pair.id} data-testid="duplicate-pair">
              <td>
                <PersonCell person={pair.a} />
              </td>
              <td>
                <PersonCell person={pair.b} />
              </td>
              <td className="number">{formatPercent(pair.probability, language)}</td>
              <td>
                {DuplicateLabels.status(pair.status, t)}
                {pair.group_size > 2 ? (
                  <>
                    {" "}
                    <span className="badge badge-prefix">{t("duplicates.group", { count: pair.group_size })}</span>
                  </>
                ) : null}
              </td>
              <td>
                <Link to={`/registry/duplicates/${encodeURIComponent(pair.id)}`}>
                  {t("duplicates.review")}
                  <span className="visually-hidden">
                    {" "}
                    {t("duplicates.reviewWhom", {
                      a: `${pair.a.family_name} ${pair.a.given_name}`,
                      b: `${pair.b.family_name} ${pair.b.given_name}`,
                    })}
                  </span>
                </Link>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
