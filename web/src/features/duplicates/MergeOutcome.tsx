// After a merge: what moved to the surviving record, a link to it, and the merge's undo.
import { useEffect, useId, useRef } from "react";
import { Link } from "react-router-dom";
import type { Merge } from "../../api/types";
import { formatNumber } from "../../i18n/format";
import { useI18n } from "../../i18n/i18n";
import { DuplicateLabels, movedEntries } from "./labels";

/** The counts of what a merge moved, or a sentence when nothing did. */
export function MovedList({ merge }: { merge: Merge }) {
  const { t, language } = useI18n();
  const moved = movedEntries(merge.moved);
  if (moved.length === 0) return <p>{t("duplicates.outcome.nothingMoved")}</p>;
  return (
    <dl className="summary merge-moved">
      {moved.map(([kind, count]) => (
        <div key={kind}>
          <dt>{DuplicateLabels.moved(kind, t)}</dt>
          <dd>{formatNumber(count, language)}</dd>
        </div>
      ))}
    </dl>
  );
}

export function MergeOutcome({ merge, busy, onUndo }: { merge: Merge; busy: boolean; onUndo: () => void }) {
  const { t } = useI18n();
  const headingId = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.focus();
  }, [merge.id]);
  return (
    <section className="alert alert-success merge-outcome" aria-labelledby={headingId}>
      <h2 id={headingId} tabIndex={-1} ref={heading}>
        {t("duplicates.outcome.title")}
      </h2>
      <p>{t("duplicates.outcome.intro", { merged: merge.merged_name, survivor: merge.survivor_name })}</p>
      <MovedList merge={merge} />
      {merge.taken.length > 0 ? (
        <p>
          {t("duplicates.outcome.taken", {
            fields: merge.taken.map((field) => DuplicateLabels.mergeField(field, t)).join(", "),
          })}
        </p>
      ) : null}
      <div className="actions">
        <Link to={`/registry/persons/${encodeURIComponent(merge.survivor_id)}`}>
          {t("duplicates.outcome.openSurvivor", { name: merge.survivor_name })}
        </Link>
        <button type="button" className="button-secondary" onClick={onUndo} disabled={busy}>
          {busy ? t("duplicates.undoing") : t("duplicates.undo")}
        </button>
      </div>
    </section>
  );
}
