// /registry/duplicates/:id: the review of one possible duplicate. The two records side by side,
// a choice of the record that stays and of each differing value, what is attached to each, the
// engine's evidence; then "Merge" (POST /merges) or "Not the same person" (docs/dedup-api.md).
import { useCallback, useId, useMemo, useState } from "react";
import { Link, useParams } from "react-router-dom";
import { ApiError } from "../../api/client";
import { getDuplicate, markNotSame, mergePersons, reopenDuplicate, undoMerge } from "../../api/dedup";
import type { DuplicatePairDetail, DuplicatePerson, Merge } from "../../api/types";
import { ErrorAlert, Notice, StaleVersionAlert, errorMessage, isStaleVersion } from "../../components/forms";
import { usePageTitle } from "../../components/usePageTitle";
import { useRecord } from "../../components/useRecord";
import { formatDateTime, formatPercent } from "../../i18n/format";
import { useI18n } from "../../i18n/i18n";
import { fullName } from "../registry/labels";
import "../registry/registry.css";
import { ComparisonTable } from "./ComparisonTable";
import "./duplicates.css";
import { DuplicateLabels } from "./labels";
import {
  fieldRows,
  keepFromSurvivor,
  missingChoices,
  takeFromMerged,
  type Choices,
  type MergeField,
  type Side,
} from "./mergeChoices";
import { MergeOutcome } from "./MergeOutcome";
import { AttachedTable, EvidenceTable } from "./PairFacts";

export function DuplicateReviewPage() {
  const { t, language } = useI18n();
  const { id = "" } = useParams();
  const fetchPair = useCallback((pairId: string) => getDuplicate(pairId), []);
  const { record: pair, setRecord: setPair, loadError, reload } = useRecord<DuplicatePairDetail>(id, fetchPair, {
    resetOnChange: true,
  });
  const [notice, setNotice] = useState<string | null>(null);
  // A merge made on this page: the pair is merged, though the pair shown was read before it.
  const [mergedHere, setMergedHere] = useState(false);
  usePageTitle(t("duplicates.review.title"));

  return (
    <section className="page duplicate-review" aria-labelledby="review-title">
      <p>
        <Link to="/registry/duplicates">{t("duplicates.backToList")}</Link>
      </p>
      <h1 id="review-title">{t("duplicates.review.title")}</h1>
      <ErrorAlert message={loadError ? errorMessage(loadError, t) : null} />
      <Notice message={notice} />
      {pair ? (
        <>
          <p className="duplicate-summary">
            {t("duplicates.review.summary", {
              probability: formatPercent(pair.probability, language),
              status: DuplicateLabels.status(mergedHere ? "merged" : pair.status, t),
            })}
            {pair.group_size > 2 ? (
              <>
                {" "}
                <span className="badge badge-prefix">{t("duplicates.group", { count: pair.group_size })}</span>
              </>
            ) : null}
          </p>
          <Review
            key={`${pair.id}:${pair.version}:${pair.a.version}:${pair.b.version}`}
            pair={pair}
            onDecided={setPair}
            onReload={reload}
            onNotice={setNotice}
            onMerged={setMergedHere}
          />
        </>
      ) : null}
    </section>
  );
}

function recordLabel(person: DuplicatePerson, language: Parameters<typeof formatDateTime>[1]) {
  return { name: fullName(person), created: formatDateTime(person.created_at, language) };
}

function Review({
  pair,
  onDecided,
  onReload,
  onNotice,
  onMerged,
}: {
  pair: DuplicatePairDetail;
  onDecided: (pair: DuplicatePairDetail) => void;
  onReload: () => Promise<void>;
  /** Shows a sentence above the review, which outlives it (a reload starts a new review). */
  onNotice: (notice: string | null) => void;
  /** Whether the pair has been merged on this page (and not undone). */
  onMerged: (merged: boolean) => void;
}) {
  const { t, language } = useI18n();
  const survivorGroup = useId();
  const rows = useMemo(() => fieldRows(pair.a, pair.b), [pair.a, pair.b]);
  const [survivor, setSurvivor] = useState<Side>("a");
  const [choices, setChoices] = useState<Choices>({});
  // Identifier rows the server said must be chosen (409 merge.identifier_conflict).
  const [required, setRequired] = useState<MergeField[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [localError, setLocalError] = useState<string | null>(null);
  // A merge was tried with choices still to make: they show as errors.
  const [attempted, setAttempted] = useState(false);
  const [busy, setBusy] = useState(false);
  const [merge, setMerge] = useState<Merge | null>(null);
  const open = pair.status === "open" && !merge;
  const missing = missingChoices(rows, required, choices);
  const merged: Side = survivor === "a" ? "b" : "a";

  function choose(field: MergeField, side: Side) {
    setChoices((was) => ({ ...was, [field]: side }));
    setLocalError(null);
  }

  async function doMerge() {
    onNotice(null);
    setError(null);
    if (missing.length > 0) {
      setAttempted(true);
      setLocalError(t("duplicates.compare.chooseFirst"));
      document.querySelector<HTMLInputElement>(`input[name="choose-${missing[0]}"]`)?.focus();
      return;
    }
    setLocalError(null);
    setBusy(true);
    try {
      const done = await mergePersons({
        survivor_id: pair[survivor].id,
        survivor_version: pair[survivor].version,
        merged_id: pair[merged].id,
        merged_version: pair[merged].version,
        take_from_merged: takeFromMerged(rows, survivor, choices),
        keep_from_survivor: keepFromSurvivor(rows, survivor, choices),
        pair_id: pair.id,
      });
      setMerge(done);
      onMerged(true);
    } catch (caught) {
      if (caught instanceof ApiError && caught.code === "merge.identifier_conflict") {
        const params = caught.problem.params as Record<string, unknown> | undefined;
        const scheme = typeof params?.scheme === "string" ? params.scheme : null;
        const fields = scheme
          ? [`identifier:${scheme}` as MergeField]
          : rows.filter((row) => row.choosable && row.field.startsWith("identifier:")).map((row) => row.field);
        setRequired((was) => [...new Set([...was, ...fields])]);
        setAttempted(true);
        setChoices((was) => {
          const next = { ...was };
          for (const field of fields) delete next[field];
          return next;
        });
      }
      setError(caught);
    } finally {
      setBusy(false);
    }
  }

  async function doNotSame() {
    onNotice(null);
    setError(null);
    setBusy(true);
    try {
      const decided = await markNotSame(pair.id, pair.version);
      onDecided({ ...pair, ...decided, a: pair.a, b: pair.b });
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }

  async function doReopen() {
    setError(null);
    setBusy(true);
    try {
      const reopened = await reopenDuplicate(pair.id, pair.version);
      onDecided({ ...pair, ...reopened, a: pair.a, b: pair.b });
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }

  async function doUndo() {
    if (!merge) return;
    setError(null);
    setBusy(true);
    try {
      await undoMerge(merge.id, merge.version);
      setMerge(null);
      onMerged(false);
      await onReload();
      onNotice(t("duplicates.undone"));
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }

  const a = recordLabel(pair.a, language);
  const b = recordLabel(pair.b, language);
  return (
    <>
      {pair.status === "not_same" && !merge ? <p className="alert alert-info">{t("duplicates.review.decidedNotSame")}</p> : null}
      {pair.status === "merged" && !merge ? <p className="alert alert-info">{t("duplicates.review.decidedMerged")}</p> : null}
      {merge ? <MergeOutcome merge={merge} busy={busy} onUndo={() => void doUndo()} /> : null}
      {isStaleVersion(error) ? (
        <StaleVersionAlert message={t("duplicates.stale")} onReload={() => void onReload()} />
      ) : (
        <ErrorAlert message={localError ?? (error ? errorMessage(error, t) : null)} />
      )}
      <div className="duplicate-records">
        {(["a", "b"] as const).map((side) => (
          <p key={side}>
            <strong>{side === "a" ? t("duplicates.compare.older") : t("duplicates.compare.newer")}:</strong>{" "}
            <Link to={`/registry/persons/${encodeURIComponent(pair[side].id)}`}>{fullName(pair[side])}</Link>{" "}
            <span className="muted">
              {t("duplicates.review.registered", { time: (side === "a" ? a : b).created })}
            </span>
          </p>
        ))}
      </div>
      {open ? (
        <fieldset className="card survivor-choice">
          <legend id={survivorGroup}>{t("duplicates.review.survivor")}</legend>
          {(["a", "b"] as const).map((side) => (
            <label key={side}>
              <input
                type="radio"
                name="survivor"
                value={side}
                checked={survivor === side}
                onChange={() => setSurvivor(side)}
              />{" "}
              {t(side === "a" ? "duplicates.review.keepOlder" : "duplicates.review.keepNewer", {
                name: side === "a" ? a.name : b.name,
              })}
            </label>
          ))}
          <p className="field-hint">{t("duplicates.review.survivorHint")}</p>
        </fieldset>
      ) : null}
      <h2>{t("duplicates.review.fields")}</h2>
      <ComparisonTable
        a={pair.a}
        b={pair.b}
        rows={rows}
        survivor={survivor}
        choices={choices}
        onChoose={choose}
        required={missing}
        showErrors={attempted}
        readOnly={!open}
      />
      <h2>{t("duplicates.review.attached")}</h2>
      {open ? (
        <p>
          {t("duplicates.review.willMove", { merged: fullName(pair[merged]), survivor: fullName(pair[survivor]) })}
        </p>
      ) : null}
      <AttachedTable a={pair.a} b={pair.b} />
      <h2>{t("duplicates.review.evidence")}</h2>
      <EvidenceTable evidence={pair.evidence} />
      {open ? (
        <div className="actions">
          <button type="button" onClick={() => void doMerge()} disabled={busy}>
            {busy ? t("duplicates.merging") : t("duplicates.merge")}
          </button>
          <button type="button" className="button-secondary" onClick={() => void doNotSame()} disabled={busy}>
            {t("duplicates.notSame")}
          </button>
        </div>
      ) : null}
      {pair.status === "not_same" && !merge ? (
        <div className="actions">
          <button type="button" className="button-secondary" onClick={() => void doReopen()} disabled={busy}>
            {t("duplicates.reopen")}
          </button>
        </div>
      ) : null}
    </>
  );
}
