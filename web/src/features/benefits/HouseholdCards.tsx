import { useEffect, useState, type FormEvent } from "react";
import { cardPdfUrl, issueCard, listCards, listDecisions, revokeCard } from "../../api/benefits";
import type { Card, Decision } from "../../api/types";
import { ErrorAlert, Notice, TextField, errorMessage, fieldError } from "../../components/forms";
import { formatCalendarDate } from "../../i18n/format";
import { useI18n } from "../../i18n/i18n";
import { useSession } from "../session/session";

/**
 * The "Large-family card" part of a household's page: its cards (number, validity, state) with
 * the printable PDF and the revocation, and the card an active decision of a card programme
 * entitles the household to, issued from here.
 */
export function HouseholdCards({ householdId }: { householdId: string }) {
  const { t } = useI18n();
  const { permissions } = useSession();
  const canRead = permissions.has("benefit.read");
  const canWork = permissions.has("benefit.work");
  const [cards, setCards] = useState<Card[] | null>(null);
  const [entitled, setEntitled] = useState<Decision[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);

  // Bumped after an issue or a revocation: the effect below reads the cards again.
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    if (!canRead) return;
    let current = true;
    Promise.all([
      listCards({ household_id: householdId, limit: 50 }),
      listDecisions({ household_id: householdId, state: "active", limit: 50 }),
    ]).then(
      ([c, d]) => {
        if (!current) return;
        setCards(c.items);
        const carded = new Set(c.items.filter((card) => card.state === "active").map((card) => card.programme.id));
        setEntitled(d.items.filter((dec) => dec.programme.kind === "large_family_card" && !carded.has(dec.programme.id)));
      },
      (caught: unknown) => current && setError(caught),
    );
    return () => {
      current = false;
    };
  }, [householdId, canRead, generation]);

  if (!canRead) return null;
  const reload = (message: string) => {
    setNotice(message);
    setGeneration((g) => g + 1);
  };
  return (
    <section className="card" aria-labelledby="household-cards-title">
      <h2 id="household-cards-title">{t("cards.title")}</h2>
      <ErrorAlert message={error ? errorMessage(error, t) : null} />
      <Notice message={notice} />
      {cards && cards.length === 0 && entitled.length === 0 ? <p className="empty-note">{t("cards.none")}</p> : null}
      {cards && cards.length > 0 ? (
        <ul className="plain-list" data-testid="household-cards">
          {cards.map((card) => (
            <CardItem key={card.id} card={card} canWork={canWork} onRevoked={() => reload(t("cards.revoked", { number: card.number }))} />
          ))}
        </ul>
      ) : null}
      {canWork
        ? entitled.map((decision) => (
            <IssueForm key={decision.id} decision={decision} onIssued={(card) => reload(t("cards.issued", { number: card.number }))} />
          ))
        : null}
    </section>
  );
}

function CardItem({ card, canWork, onRevoked }: { card: Card; canWork: boolean; onRevoked: () => void }) {
  const { t, language } = useI18n();
  const [revoking, setRevoking] = useState(false);
  const [reason, setReason] = useState("");
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function revoke(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await revokeCard(card.id, card.version, reason);
      onRevoked();
    } catch (caught) {
      setError(caught);
      setBusy(false);
    }
  }

  return (
    <li data-testid="card-item">
      <p>
        <strong>{card.programme.name}</strong> · {t("cards.number")} <code>{card.number}</code> ·{" "}
        {t("cards.validity", {
          from: formatCalendarDate(card.valid_from, language),
          until: formatCalendarDate(card.valid_until, language),
        })}{" "}
        <span className={`badge state-badge card-state-${card.state}`} data-testid="card-state">
          {card.state === "active" ? t("cards.state.active") : t("cards.state.revoked")}
        </span>
      </p>
      {card.state === "revoked" && card.revoke_reason ? <p className="field-hint">{card.revoke_reason}</p> : null}
      {card.state === "active" ? (
        <p className="actions">
          <a className="button" href={cardPdfUrl(card.id, "card")} download data-testid="card-pdf">
            {t("cards.printCard")}
          </a>{" "}
          <a className="button" href={cardPdfUrl(card.id, "a4")} download>
            {t("cards.printA4")}
          </a>{" "}
          {canWork && !revoking ? (
            <button type="button" onClick={() => setRevoking(true)}>
              {t("cards.revoke")}
            </button>
          ) : null}
        </p>
      ) : null}
      {revoking ? (
        <form onSubmit={(e) => void revoke(e)}>
          <TextField
            label={t("cards.revokeReason")}
            value={reason}
            required
            onChange={(e) => setReason(e.target.value)}
            error={fieldError(error, "reason", t)}
          />
          <ErrorAlert message={error && !fieldError(error, "reason", t) ? errorMessage(error, t) : null} />
          <button type="submit" disabled={busy || !reason.trim()}>
            {t("cards.confirmRevoke")}
          </button>{" "}
          <button type="button" onClick={() => setRevoking(false)}>
            {t("common.cancel")}
          </button>
        </form>
      ) : null}
    </li>
  );
}

function IssueForm({ decision, onIssued }: { decision: Decision; onIssued: (card: Card) => void }) {
  const { t } = useI18n();
  const [validUntil, setValidUntil] = useState("");
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function issue(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      onIssued(await issueCard(decision.id, validUntil));
    } catch (caught) {
      setError(caught);
      setBusy(false);
    }
  }

  return (
    <form onSubmit={(e) => void issue(e)} aria-label={t("cards.issueFor", { programme: decision.programme.name })}>
      <p>{t("cards.entitled", { programme: decision.programme.name })}</p>
      <TextField
        label={t("cards.validUntil")}
        type="date"
        value={validUntil}
        onChange={(e) => setValidUntil(e.target.value)}
        hint={t("cards.validUntilHint")}
        error={fieldError(error, "valid_until", t)}
      />
      <ErrorAlert message={error && !fieldError(error, "valid_until", t) ? errorMessage(error, t) : null} />
      <button type="submit" disabled={busy} data-testid="issue-card">
        {t("cards.issue")}
      </button>
    </form>
  );
}
