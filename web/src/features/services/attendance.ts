// The pure decisions of the attendance sheet: which services count days, the months around a
// month, the days of a month a person could have attended, and a person's age. The server
// decides again (docs/services-api.md, "Attendance"); these only keep the sheet honest.
import type { AttendanceRow, ServiceType } from "../../api/types";

/** Day services count the days each person attends (the server's rules.cc TracksAttendance). */
export function countsDays(type: ServiceType): boolean {
  return type === "day_centre" || type === "child_rehabilitation" || type === "social_canteen" || type === "respite_care";
}

const pad = (n: number) => String(n).padStart(2, "0");

/** "YYYY-MM-DD" of a local calendar day. */
export function isoDay(date: Date): string {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** "YYYY-MM" of the month `today` falls in. */
export function monthOf(today: Date): string {
  return `${today.getFullYear()}-${pad(today.getMonth() + 1)}`;
}

/** The month `delta` months from `month` ("2026-01", -1 → "2025-12"). */
export function shiftMonth(month: string, delta: number): string {
  const [year, m] = month.split("-").map(Number);
  const index = year * 12 + (m - 1) + delta;
  return `${Math.floor(index / 12)}-${pad((index % 12) + 1)}`;
}

export function isMonth(text: string): boolean {
  const match = /^(\d{4})-(\d{2})$/.exec(text);
  return match !== null && Number(match[2]) >= 1 && Number(match[2]) <= 12;
}

export function daysInMonth(month: string): number {
  const [year, m] = month.split("-").map(Number);
  return new Date(year, m, 0).getDate();
}

/**
 * The days of `month` the person held a place up to `today` ("YYYY-MM-DD"): from the day the
 * enrolment started to the day it ended, never after today. Only these can be marked present.
 */
export function recordableDays(row: Pick<AttendanceRow, "started_on" | "ended_on">, month: string, today: string): number[] {
  const out: number[] = [];
  if (!row.started_on) return out;
  for (let day = 1; day <= daysInMonth(month); day += 1) {
    const date = `${month}-${pad(day)}`;
    if (date < row.started_on || date > today) continue;
    if (row.ended_on && date > row.ended_on) continue;
    out.push(day);
  }
  return out;
}

/** Whole years from `birthDate` ("YYYY-MM-DD") to `today` ("YYYY-MM-DD"); null when unknown. */
export function ageOn(birthDate: string | null | undefined, today: string): number | null {
  if (!birthDate || !/^\d{4}-\d{2}-\d{2}$/.test(birthDate)) return null;
  const years = Number(today.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return today.slice(5) < birthDate.slice(5) ? years - 1 : years;
}
