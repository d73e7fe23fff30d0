import { Fragment, useId, useState, type FormEvent } from "react";
import { Link } from "react-router-dom";
import { changeEnrolmentState } from "../../api/services";
import type { Enrolment, EnrolmentState } from "../../api/types";
import {
  ErrorAlert,
  ErrorSummary,
  StaleVersionAlert,
  errorMessage,
  fieldError,
  isStaleVersion,
  useSaveForm,
} from "../../components/forms";
import { formatCalendarDate, formatLocalDate, formatNumber } from "../../i18n/format";
import { useI18n } from "../../i18n/i18n";
import { TextAreaField, clientProblem } from "../cases/parts";
import { useSession } from "../session/session";
import { problemKey, reasonKey, transitionKey } from "./labels";
import { EnrolmentStateBadge, PriorityBadge } from "./parts";
import { ageOn, isoDay } from "./attendance";
import { transitionAction, transitionNeedsReason } from "./rules";

interface Move {
  enrolment: Enrolment;
  to: EnrolmentState;
}

/**
 * A service's enrolments in two tables: those holding a place (offered, active, suspended) and
 * the waiting list in order, each row with the moves its enrolment allows now. A move that
 * needs a reason (withdraw, suspend, end) asks for it in a row below; every move is sent with
 * the enrolment's version (If-Match). `onMoved` gets the moved enrolment.
 */
export function EnrolmentTables({
  places,
  waiting,
  onMoved,
  onReload,
}: {
  places: readonly Enrolment[];
  waiting: readonly Enrolment[];
  onMoved: (moved: Enrolment) => void;
  onReload: () => void;
}) {
  const { t } = useI18n();
  const [open, setOpen] = useState<Move | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function start(move: Move) {
    setError(null);
    if (transitionNeedsReason(move.to)) {
      setOpen(move);
      return;
    }
    setOpen(null);
    setBusy(true);
    try {
      onMoved(await changeEnrolmentState(move.enrolment.id, move.enrolment.version, { to: move.to }));
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }

  const rows = { open, busy, onStart: (move: Move) => void start(move), onClose: () => setOpen(null), onMoved, onReload };
  return (
    <>
      {isStaleVersion(error) ? (
        <StaleVersionAlert
          message={t("services.staleEnrolment")}
          onReload={() => {
            setError(null);
            onReload();
          }}
        />
      ) : (
        <ErrorAlert message={error ? errorMessage(error, t) : null} />
      )}
      <section aria-labelledby="places-title">
        <h2 id="places-title">{t("services.placesTitle")}</h2>
        {places.length === 0 ? (
          <p className="empty-note">{t("services.placesEmpty")}</p>
        ) : (
          <div className="table-scroll">
            <table className="data-table stack-on-phone" data-testid="places-table">
              <caption className="visually-hidden">{t("services.placesCaption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("services.col.person")}</th>
                  <th scope="col">{t("services.col.state")}</th>
                  <th scope="col">{t("services.col.since")}</th>
                  <th scope="col">{t("services.col.worker")}</th>
                  <th scope="col">{t("services.col.actions")}</th>
                </tr>
              </thead>
              <tbody>
                {places.map((enrolment) => (
                  <EnrolmentRow key={enrolment.id} enrolment={enrolment} columns={5} {...rows} />
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <section aria-labelledby="waiting-title">
        <h2 id="waiting-title">{t("services.waitingTitle")}</h2>
        {waiting.length === 0 ? (
          <p className="empty-note">{t("services.waitingEmpty")}</p>
        ) : (
          <div className="table-scroll">
            <table className="data-table stack-on-phone" data-testid="waiting-table">
              <caption className="visually-hidden">{t("services.waitingCaption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("services.col.position")}</th>
                  <th scope="col">{t("services.col.person")}</th>
                  <th scope="col">{t("services.col.priority")}</th>
                  <th scope="col">{t("services.col.requested")}</th>
                  <th scope="col">{t("services.col.worker")}</th>
                  <th scope="col">{t("services.col.actions")}</th>
                </tr>
              </thead>
              <tbody>
                {waiting.map((enrolment) => (
                  <EnrolmentRow key={enrolment.id} enrolment={enrolment} columns={6} waitingList {...rows} />
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}

function EnrolmentRow({
  enrolment,
  columns,
  waitingList,
  open,
  busy,
  onStart,
  onClose,
  onMoved,
  onReload,
}: {
  enrolment: Enrolment;
  columns: number;
  waitingList?: boolean;
  open: Move | null;
  busy: boolean;
  onStart: (move: Move) => void;
  onClose: () => void;
  onMoved: (moved: Enrolment) => void;
  onReload: () => void;
}) {
  const { t, language } = useI18n();
  const { permissions } = useSession();
  const name = enrolment.person.name;
  const person = permissions.has("person.read") ? (
    <Link to={`/registry/persons/${encodeURIComponent(enrolment.person.id)}`}>{name}</Link>
  ) : (
    name
  );
  const since =
    enrolment.state === "offered" && enrolment.offered_at
      ? formatLocalDate(new Date(enrolment.offered_at), language)
      : formatCalendarDate(enrolment.started_on, language);
  const age = ageOn(enrolment.person.birth_date, isoDay(new Date()));
  const notes = (
    <>
      {age !== null ? <span className="muted"> · {t("attendance.age", { age: formatNumber(age, language) })}</span> : null}
      {enrolment.note ? <div className="muted">{t("services.noteShown", { note: enrolment.note })}</div> : null}
      {enrolment.outside_area_reason ? (
        <div className="muted">{t("services.outsideArea", { reason: enrolment.outside_area_reason })}</div>
      ) : null}
    </>
  );
  const moves = enrolment.allowed_transitions.length ? (
    <div className="row-moves no-print" role="group" aria-label={t("services.movesOf", { name })}>
      {enrolment.allowed_transitions.map((to) => {
        const action = transitionAction(enrolment.state, to);
        return (
          <button
            key={to}
            type="button"
            className={action === "accept" || action === "resume" ? undefined : "button-secondary"}
            disabled={busy}
            aria-label={t(`services.moveNamed.${action}`, { name })}
            aria-expanded={transitionNeedsReason(to) ? open?.enrolment.id === enrolment.id && open.to === to : undefined}
            onClick={() => onStart({ enrolment, to })}
          >
            {t(transitionKey(action))}
          </button>
        );
      })}
    </div>
  ) : null;
  const moving = open && open.enrolment.id === enrolment.id ? open : null;
  return (
    <Fragment>
      <tr data-testid="enrolment-row">
        {waitingList ? (
          <>
            <td className="numeric">{enrolment.position !== null ? formatNumber(enrolment.position, language) : "—"}</td>
            <td>
              {person}
              {notes}
            </td>
            <td>
              <PriorityBadge priority={enrolment.priority} />
            </td>
            <td>{formatLocalDate(new Date(enrolment.requested_at), language)}</td>
          </>
        ) : (
          <>
            <td>
              {person}
              {notes}
            </td>
            <td>
              <EnrolmentStateBadge state={enrolment.state} />
            </td>
            <td>{since}</td>
          </>
        )}
        <td>{enrolment.worker.display_name}</td>
        <td>{moves}</td>
      </tr>
      {moving ? (
        <tr>
          <td colSpan={columns}>
            <MoveForm
              key={`${moving.enrolment.id}:${moving.to}`}
              move={moving}
              onDone={(moved) => {
                onClose();
                onMoved(moved);
              }}
              onCancel={onClose}
              onReload={() => {
                onClose();
                onReload();
              }}
            />
          </td>
        </tr>
      ) : null}
    </Fragment>
  );
}

/** The reason of a withdrawal, a suspension or an end, then the move. */
function MoveForm({
  move,
  onDone,
  onCancel,
  onReload,
}: {
  move: Move;
  onDone: (moved: Enrolment) => void;
  onCancel: () => void;
  onReload: () => void;
}) {
  const { t } = useI18n();
  const titleId = useId();
  const action = transitionAction(move.enrolment.state, move.to);
  const [reason, setReason] = useState("");
  const { error, setError, busy, formRef, summaryRef, stale, attempt } = useSaveForm();

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!reason.trim()) {
      setError(clientProblem({ field: "reason", problem: "reason_required" }, t(problemKey("reason_required"))));
      return;
    }
    await attempt(async () => {
      onDone(await changeEnrolmentState(move.enrolment.id, move.enrolment.version, { to: move.to, reason: reason.trim() }));
    });
  }

  return (
    <form className="move-form" ref={formRef} onSubmit={(e) => void submit(e)} noValidate aria-labelledby={titleId}>
      <h3 id={titleId}>{t(`services.moveNamed.${action}`, { name: move.enrolment.person.name })}</h3>
      {stale ? <StaleVersionAlert message={t("services.staleEnrolment")} onReload={onReload} /> : null}
      <TextAreaField
        autoFocus
        label={t(reasonKey(action))}
        name="reason"
        required
        value={reason}
        error={fieldError(error, "reason", t)}
        onChange={(e) => setReason(e.target.value)}
      />
      <div className="actions">
        <button type="submit" disabled={busy}>
          {t(transitionKey(action))}
        </button>
        <button type="button" className="button-secondary" onClick={onCancel}>
          {t("common.cancel")}
        </button>
      </div>
      <ErrorSummary error={stale ? null : error} form={formRef} summaryRef={summaryRef} />
    </form>
  );
}

