import { Fragment, useId, useState, type FormEvent } from "react";
import { getAttendance, recordAttendance } from "../../api/services";
import type { AttendanceRow, AttendanceSheet, Service } from "../../api/types";
import {
  ErrorAlert,
  ErrorSummary,
  Notice,
  StaleVersionAlert,
  errorMessage,
  fieldError,
  isStaleVersion,
  useSaveForm,
} from "../../components/forms";
import { useCursorList } from "../../components/useCursorList";
import { intlLocale, formatCalendarDate, formatNumber } from "../../i18n/format";
import { useI18n } from "../../i18n/i18n";
import { ageOn, daysInMonth, isMonth, isoDay, monthOf, recordableDays, shiftMonth } from "./attendance";

/**
 * A day service's attendance for one month: each person who held a place, their age, what the
 * service needs to know, and the days they were present. Those who run the service or work in
 * it mark a person present today in one click, or tick the days of the month; a social worker
 * reads the sheet. Every save sends the row's version, so two people ticking the same row never
 * overwrite each other unseen.
 */
export function AttendancePanel({ service, canRecord, refresh }: { service: Service; canRecord: boolean; refresh: number }) {
  const { t, language } = useI18n();
  // The server's calendar decides which days may be marked (the installation's time zone);
  // the browser's is only the first guess, before the first sheet arrives.
  const [today, setToday] = useState(isoDay(new Date()));
  const thisMonth = today.slice(0, 7);
  const [month, setMonth] = useState(monthOf(new Date()));
  const [changes, setChanges] = useState(0);
  const [editing, setEditing] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [daysInSheet, setDaysInSheet] = useState(daysInMonth(thisMonth));
  const sheet = useCursorList<AttendanceRow, AttendanceSheet>(
    (cursor) => getAttendance(service.id, month, { limit: 200, cursor }),
    [service.id, month, changes, refresh],
    {
      clearOnError: true,
      onFirstPage: (page) => {
        setDaysInSheet(page.days_in_month);
        setToday(page.today);
      },
    },
  );
  const monthName = new Intl.DateTimeFormat(intlLocale(language), { month: "long", year: "numeric" }).format(
    new Date(Number(month.slice(0, 4)), Number(month.slice(5)) - 1, 1),
  );
  const todayInMonth = today.startsWith(`${month}-`);
  const todayNumber = Number(today.slice(8));
  const personDays = sheet.items.reduce((sum, row) => sum + row.days_present, 0);

  function saved(row: AttendanceRow) {
    setEditing(null);
    setNotice(t("attendance.saved", { name: row.person.name, count: row.days_present }));
    setChanges((n) => n + 1);
  }

  async function markToday(row: AttendanceRow) {
    setError(null);
    setNotice(null);
    setBusy(true);
    try {
      saved(await recordAttendance(row.enrolment_id, month, row.version, [...row.days, todayNumber]));
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="attendance-title" className="attendance">
      <h2 id="attendance-title">{t("attendance.title")}</h2>
      <div className="attendance-month no-print">
        <button type="button" className="button-secondary" onClick={() => setMonth(shiftMonth(month, -1))}>
          {t("attendance.previousMonth")}
        </button>
        <label>
          {t("attendance.month")}{" "}
          <input
            type="month"
            value={month}
            max={thisMonth}
            onChange={(e) => {
              if (isMonth(e.target.value)) setMonth(e.target.value);
            }}
          />
        </label>
        <button
          type="button"
          className="button-secondary"
          disabled={month >= thisMonth}
          onClick={() => setMonth(shiftMonth(month, 1))}
        >
          {t("attendance.nextMonth")}
        </button>
      </div>
      <Notice message={notice} />
      {isStaleVersion(error) ? (
        <StaleVersionAlert
          message={t("attendance.stale")}
          onReload={() => {
            setError(null);
            setChanges((n) => n + 1);
          }}
        />
      ) : (
        <ErrorAlert message={error ? errorMessage(error, t) : sheet.error ? errorMessage(sheet.error, t) : null} />
      )}
      {!sheet.loaded ? (
        <p role="status">{t("common.loading")}</p>
      ) : sheet.items.length === 0 ? (
        <p className="empty-note">{t("attendance.empty", { month: monthName })}</p>
      ) : (
        <div className="table-scroll">
          <table className="data-table stack-on-phone" data-testid="attendance-table">
            <caption>{t("attendance.caption", { month: monthName, count: personDays })}</caption>
            <thead>
              <tr>
                <th scope="col">{t("services.col.person")}</th>
                <th scope="col">{t("attendance.col.age")}</th>
                <th scope="col">{t("attendance.col.present")}</th>
                <th scope="col">{t("attendance.col.days")}</th>
                {canRecord ? <th scope="col">{t("services.col.actions")}</th> : null}
              </tr>
            </thead>
            <tbody>
              {sheet.items.map((row) => {
                const age = ageOn(row.person.birth_date, today);
                const open = editing === row.enrolment_id;
                const canToday =
                  todayInMonth && !row.days.includes(todayNumber) && recordableDays(row, month, today).includes(todayNumber);
                return (
                  <Fragment key={row.enrolment_id}>
                    <tr data-testid="attendance-row">
                      <th scope="row">
                        {row.person.name}
                        {row.note ? <div className="muted">{t("services.noteShown", { note: row.note })}</div> : null}
                        {row.ended_on ? (
                          <div className="muted">{t("attendance.endedOn", { date: formatCalendarDate(row.ended_on, language) })}</div>
                        ) : null}
                      </th>
                      <td>{age === null ? "—" : t("attendance.age", { age: formatNumber(age, language) })}</td>
                      <td className="numeric">{formatNumber(row.days_present, language)}</td>
                      <td>{row.days.length ? row.days.map((d) => formatNumber(d, language)).join(", ") : "—"}</td>
                      {canRecord ? (
                        <td>
                          <div className="row-moves" role="group" aria-label={t("attendance.actionsOf", { name: row.person.name })}>
                            {canToday ? (
                              <button type="button" disabled={busy} onClick={() => void markToday(row)}>
                                {t("attendance.presentToday")}
                              </button>
                            ) : null}
                            <button
                              type="button"
                              className="button-secondary"
                              aria-expanded={open}
                              aria-label={t("attendance.editDaysOf", { name: row.person.name })}
                              onClick={() => {
                                setNotice(null);
                                setEditing(open ? null : row.enrolment_id);
                              }}
                            >
                              {t("attendance.editDays")}
                            </button>
                          </div>
                        </td>
                      ) : null}
                    </tr>
                    {open ? (
                      <tr>
                        <td colSpan={canRecord ? 5 : 4}>
                          <DaysForm
                            row={row}
                            month={month}
                            monthName={monthName}
                            days={daysInSheet}
                            today={today}
                            onSaved={saved}
                            onCancel={() => setEditing(null)}
                            onReload={() => {
                              setEditing(null);
                              setChanges((n) => n + 1);
                            }}
                          />
                        </td>
                      </tr>
                    ) : null}
                  </Fragment>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {sheet.cursor ? (
        <button type="button" className="button-secondary load-more" onClick={sheet.loadMore} disabled={sheet.busy}>
          {t("common.loadMore")}
        </button>
      ) : null}
    </section>
  );
}

/** The days of the month as check boxes: those the person could attend, the others disabled. */
function DaysForm({
  row,
  month,
  monthName,
  days,
  today,
  onSaved,
  onCancel,
  onReload,
}: {
  row: AttendanceRow;
  month: string;
  monthName: string;
  days: number;
  today: string;
  onSaved: (row: AttendanceRow) => void;
  onCancel: () => void;
  onReload: () => void;
}) {
  const { t, language } = useI18n();
  const titleId = useId();
  const [chosen, setChosen] = useState<ReadonlySet<number>>(() => new Set(row.days));
  const { error, busy, formRef, summaryRef, stale, attempt } = useSaveForm();
  const open = new Set(recordableDays(row, month, today));
  const weekday = new Intl.DateTimeFormat(intlLocale(language), { weekday: "short" });
  const fullDate = new Intl.DateTimeFormat(intlLocale(language), { weekday: "long", day: "numeric", month: "long" });

  async function submit(event: FormEvent) {
    event.preventDefault();
    await attempt(async () => {
      onSaved(await recordAttendance(row.enrolment_id, month, row.version, [...chosen].sort((a, b) => a - b)));
    });
  }

  return (
    <form className="days-form" ref={formRef} onSubmit={(e) => void submit(e)} noValidate aria-labelledby={titleId}>
      <h3 id={titleId}>{t("attendance.daysOf", { name: row.person.name, month: monthName })}</h3>
      {stale ? <StaleVersionAlert message={t("attendance.stale")} onReload={onReload} /> : null}
      <fieldset>
        <legend className="visually-hidden">{t("attendance.daysOf", { name: row.person.name, month: monthName })}</legend>
        <div className="day-grid">
          {Array.from({ length: days }, (_, i) => i + 1).map((day) => {
            const date = new Date(Number(month.slice(0, 4)), Number(month.slice(5)) - 1, day);
            const checked = chosen.has(day);
            return (
              <label key={day} className={open.has(day) ? "day" : "day day-closed"}>
                <input
                  type="checkbox"
                  checked={checked}
                  disabled={!open.has(day) && !checked}
                  aria-label={fullDate.format(date)}
                  onChange={() => {
                    const next = new Set(chosen);
                    if (checked) next.delete(day);
                    else next.add(day);
                    setChosen(next);
                  }}
                />
                <span aria-hidden="true">
                  <span className="day-number">{formatNumber(day, language)}</span>
                  <span className="day-weekday">{weekday.format(date)}</span>
                </span>
              </label>
            );
          })}
        </div>
      </fieldset>
      {fieldError(error, "days", t) ? <p className="field-error">{fieldError(error, "days", t)}</p> : null}
      <p className="muted">{t("attendance.chosen", { count: chosen.size })}</p>
      <div className="actions">
        <button type="submit" disabled={busy}>
          {t("attendance.save")}
        </button>
        <button type="button" className="button-secondary" onClick={onCancel}>
          {t("common.cancel")}
        </button>
      </div>
      <ErrorSummary error={stale ? null : error} form={formRef} summaryRef={summaryRef} />
    </form>
  );
}
