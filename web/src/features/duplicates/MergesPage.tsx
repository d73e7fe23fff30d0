// /registry/merges: the merges of persons under a territory, newest first, undone ones marked,
// each with its undo (docs/dedup-api.md).
import { useId, useState } from "react";
import { Link } from "react-router-dom";
import { listMerges, undoMerge } from "../../api/dedup";
import type { Merge } from "../../api/types";
import { ErrorAlert, LoadMore, Notice, errorMessage } from "../../components/forms";
import { TerritoryName } from "../../components/TerritoryName";
import { TerritorySearch } from "../../components/TerritorySearch";
import { useCursorList } from "../../components/useCursorList";
import { usePageTitle } from "../../components/usePageTitle";
import { formatDateTime } from "../../i18n/format";
import { useI18n } from "../../i18n/i18n";
import "../registry/registry.css";
import "./duplicates.css";
import { DuplicateLabels } from "./labels";
import { MovedList } from "./MergeOutcome";
import { useDuplicatesScope } from "./useDuplicatesScope";

export function MergesPage() {
  const { t, language } = useI18n();
  usePageTitle(t("merges.title"));
  const scope = useDuplicatesScope();
  const code = scope.territory?.code;
  const captionId = useId();
  const list = useCursorList<Merge>((cursor) => listMerges({ territory: code, limit: 50, cursor }), [code], {
    clearOnError: true,
  });
  // Merges undone on this page, shown as undone without reading the list again.
  const [undone, setUndone] = useState<Record<string, Merge>>({});
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);

  async function undo(merge: Merge) {
    setBusy(merge.id);
    setError(null);
    setNotice(null);
    try {
      const after = await undoMerge(merge.id, merge.version);
      setUndone((was) => ({ ...was, [after.id]: after }));
      setNotice(t("merges.undoneNotice", { survivor: after.survivor_name, merged: after.merged_name }));
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(null);
    }
  }

  return (
    <section className="page merges-page" aria-labelledby="merges-title">
      <p>
        <Link to={code ? `/registry/duplicates?territory=${encodeURIComponent(code)}` : "/registry/duplicates"}>
          {t("duplicates.backToList")}
        </Link>
      </p>
      <h1 id="merges-title">{t("merges.title")}</h1>
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
      </div>
      <Notice message={notice} />
      <ErrorAlert message={error ? errorMessage(error, t) : list.error ? errorMessage(list.error, t) : null} />
      {list.busy && !list.loaded ? <p role="status">{t("common.loading")}</p> : null}
      {list.loaded && !list.error && list.items.length === 0 ? (
        <p className="empty-state" role="status">
          {t("merges.none")}
        </p>
      ) : null}
      {list.items.length > 0 ? (
        <div className="table-scroll">
          <table className="data-table merges-table" aria-labelledby={captionId}>
            <caption id={captionId}>{t("merges.tableCaption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("merges.col.when")}</th>
                <th scope="col">{t("merges.col.survivor")}</th>
                <th scope="col">{t("merges.col.merged")}</th>
                <th scope="col">{t("merges.col.moved")}</th>
                <th scope="col">{t("merges.col.state")}</th>
              </tr>
            </thead>
            <tbody>
              {list.items.map((listed) => {
                const merge = undone[listed.id] ?? listed;
                return (
                  <tr key={merge.id} data-testid="merge-row" className={merge.undone_at ? "merge-undone" : undefined}>
                    <td>{formatDateTime(merge.merged_at, language)}</td>
                    <td>
                      <Link to={`/registry/persons/${encodeURIComponent(merge.survivor_id)}`}>{merge.survivor_name}</Link>
                    </td>
                    <td>{merge.merged_name}</td>
                    <td>
                      <MovedList merge={merge} />
                      {merge.taken.length > 0 ? (
                        <p className="muted">
                          {t("duplicates.outcome.taken", {
                            fields: merge.taken.map((field) => DuplicateLabels.mergeField(field, t)).join(", "),
                          })}
                        </p>
                      ) : null}
                    </td>
                    <td>
                      {merge.undone_at ? (
                        <span className="badge badge-list">
                          {t("merges.undoneAt", { time: formatDateTime(merge.undone_at, language) })}
                        </span>
                      ) : (
                        <button
                          type="button"
                          className="button-secondary"
                          onClick={() => void undo(merge)}
                          disabled={busy !== null}
                        >
                          {busy === merge.id ? t("duplicates.undoing") : t("duplicates.undo")}
                          <span className="visually-hidden">
                            {" "}
                            {t("merges.undoWhom", { survivor: merge.survivor_name, merged: merge.merged_name })}
                          </span>
                        </button>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : null}
      {list.cursor ? <LoadMore onClick={list.loadMore} busy={list.busy} /> : null}
    </section>
  );
}
