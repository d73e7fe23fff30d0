import { useEffect, useId, useRef, useState } from "react";
import { Link } from "react-router-dom";
import type { LikelyMatch } from "../../api/types";
import { useI18n } from "../../i18n/i18n";
import { formatBirthDate } from "./labels";
import { matchReasonText } from "./likelyMatches";

/**
 * Shown before saving when the registry may already hold the person: each likely match with a
 * link to its record (a real link: it opens in a new tab as well), and a way to go on with the
 * reason, which the server records in the audit. Takes focus when it appears.
 */
export function LikelyMatchesPanel({
  matches,
  busy,
  onGoOn,
}: {
  matches: readonly LikelyMatch[];
  busy: boolean;
  /** Registers the new person anyway, with the reason given. */
  onGoOn: (reason: string) => void;
}) {
  const { t, language } = useI18n();
  const headingId = useId();
  const reasonId = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const reasonInput = useRef<HTMLTextAreaElement>(null);
  const [reason, setReason] = useState("");
  const [missing, setMissing] = useState(false);

  useEffect(() => {
    heading.current?.focus();
  }, [matches]);

  function goOn() {
    if (!reason.trim()) {
      setMissing(true);
      reasonInput.current?.focus();
      return;
    }
    onGoOn(reason.trim());
  }

  return (
    <section className="alert alert-warning likely-matches" aria-labelledby={headingId}>
      <h3 id={headingId} tabIndex={-1} ref={heading}>
        {t("registry.duplicate.title")}
      </h3>
      <p>{t("registry.duplicate.intro")}</p>
      <ul className="plain-list likely-match-list">
        {matches.map((match) => (
          <li key={match.id}>
            <Link to={`/registry/persons/${match.id}`} target="_blank" rel="noopener">
              {[match.family_name, match.given_name, match.patronymic].filter(Boolean).join(" ")}
            </Link>{" "}
            <span className="muted">
              {[formatBirthDate(match.birth_date, language), match.community_name].filter(Boolean).join(" · ")}
            </span>{" "}
            <span className="badge badge-fuzzy">{matchReasonText(match, t, language)}</span>
          </li>
        ))}
      </ul>
      <div className={`field${missing ? " field-invalid" : ""}`}>
        <label htmlFor={reasonId}>{t("registry.duplicate.reasonLabel")}</label>
        <textarea
          id={reasonId}
          ref={reasonInput}
          value={reason}
          maxLength={500}
          required
          aria-invalid={missing || undefined}
          aria-describedby={missing ? `${reasonId}-error` : undefined}
          onChange={(e) => {
            setReason(e.target.value);
            if (e.target.value.trim()) setMissing(false);
          }}
        />
        {missing ? (
          <p className="field-error" id={`${reasonId}-error`}>
            {t("registry.duplicate.reasonRequired")}
          </p>
        ) : null}
      </div>
      <button type="button" onClick={goOn} disabled={busy}>
        {busy ? t("common.saving") : t("registry.duplicate.goOn")}
      </button>
    </section>
  );
}
