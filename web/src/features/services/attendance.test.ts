import { describe, expect, it } from "vitest";
import { ageOn, countsDays, daysInMonth, isMonth, monthOf, recordableDays, shiftMonth } from "./attendance";

describe("attendance", () => {
  it("counts days for day services only", () => {
    expect(countsDays("day_centre")).toBe(true);
    expect(countsDays("social_canteen")).toBe(true);
    expect(countsDays("home_care")).toBe(false);
    expect(countsDays("residential_elderly")).toBe(false);
  });

  it("moves between months across years and knows their days", () => {
    expect(shiftMonth("2026-01", -1)).toBe("2025-12");
    expect(shiftMonth("2026-12", 1)).toBe("2027-01");
    expect(shiftMonth("2026-05", 0)).toBe("2026-05");
    expect(daysInMonth("2028-02")).toBe(29);
    expect(daysInMonth("2026-11")).toBe(30);
    expect(monthOf(new Date(2026, 11, 6))).toBe("2026-12");
    expect(isMonth("2026-11")).toBe(true);
    expect(isMonth("2026-13")).toBe(false);
    expect(isMonth("")).toBe(false);
  });

  it("offers the days of the place up to today", () => {
    expect(recordableDays({ started_on: "2026-11-28", ended_on: null }, "2026-11", "2026-12-06")).toEqual([28, 29, 30]);
    expect(recordableDays({ started_on: "2026-11-01", ended_on: "2026-11-03" }, "2026-11", "2026-12-06")).toEqual([1, 2, 3]);
    expect(recordableDays({ started_on: "2026-11-01", ended_on: null }, "2026-12", "2026-12-03")).toEqual([1, 2, 3]);
    expect(recordableDays({ started_on: null, ended_on: null }, "2026-12", "2026-12-03")).toEqual([]);
    expect(recordableDays({ started_on: "2027-01-01", ended_on: null }, "2026-12", "2026-12-03")).toEqual([]);
  });

  it("gives whole years of age", () => {
    expect(ageOn("1950-01-09", "2026-12-06")).toBe(76);
    expect(ageOn("1950-12-07", "2026-12-06")).toBe(75);
    expect(ageOn("1950-12-06", "2026-12-06")).toBe(76);
    expect(ageOn(null, "2026-12-06")).toBeNull();
  });
});
