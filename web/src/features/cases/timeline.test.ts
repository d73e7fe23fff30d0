import { describe, expect, it } from "vitest";
import type { TimelineItem } from "../../api/types";
import { translate } from "../../i18n/i18n";
import { timelineView } from "./timeline";

const t = (key: Parameters<typeof translate>[1], values?: Record<string, string | number>) => translate("en", key, values);
const item = (kind: string, detail: Record<string, unknown>): TimelineItem => ({
  id: "e1",
  at: "2026-12-06T10:00:00Z",
  kind,
  confidential: false,
  actor: { id: "u1", display_name: "Ana" },
  detail,
});

describe("timelineView", () => {
  it("says a state change in words", () => {
    expect(timelineView(item("state", { from: "intake", to: "assessment" }), t, "en").title).toBe("Intake → Assessment");
  });
  it("marks a confidential note", () => {
    const note = { ...item("note", { text: "Do not tell the school" }), confidential: true };
    expect(timelineView(note, t, "en")).toEqual({ title: "Confidential note", lines: ["Do not tell the school"], confidential: true });
  });
  it("names the opening and a closure decision", () => {
    expect(timelineView(item("state", { opened: true, to: "intake" }), t, "en").title).toBe("Case opened");
    expect(timelineView(item("state", { approved: true, from: "planning" }), t, "en").title).toBe(
      "Closure approved: the case is closed.",
    );
  });
  it("dates a contact in the user's form", () => {
    const view = timelineView(item("contact", { kind: "home_visit", status: "done", date: "2026-12-01" }), t, "ro");
    expect(view.title).toBe("Home visit");
    expect(view.lines[0]).toBe("01.12.2026");
  });
  it("names a referral's provider, service and answer", () => {
    const view = timelineView(item("referral", { provider: "Day centre", service: "After school", answer: "waiting_list" }), t, "en");
    expect(view.lines).toEqual(["Day centre — After school", "On the waiting list"]);
  });
  it("names an assessment filed on the case by its form, with its findings and a link", () => {
    const finished = item("assessment", {
      event: "finished",
      assessment_id: "a 1",
      questionnaire_code: "household_screening",
      status: "final",
      score: 7,
      flags: ["poverty", "elderly_alone"],
    });
    const forms = {
      title: (code: string) => (code === "household_screening" ? "Household screening" : code),
      flag: (_code: string, flag: string) => ({ poverty: "Poverty", elderly_alone: "Elderly person alone" })[flag] ?? flag,
    };
    const view = timelineView(finished, t, "en", forms);
    expect(view.title).toBe("Assessment finished");
    expect(view.lines).toEqual(["Household screening", "Score: 7", "Found: Poverty and Elderly person alone"]);
    expect(view.link).toEqual({ to: "/assessments/a%201", label: "Open the assessment" });
  });
  it("tells the assessment a case was opened from", () => {
    const opened = item("state", {
      opened: true,
      to: "intake",
      origin: { assessment_id: "a1", questionnaire_code: "household_screening", score: null, flags: [] },
    });
    const view = timelineView(opened, t, "en");
    expect(view.title).toBe("Case opened");
    expect(view.lines).toEqual(["Opened from: household_screening"]);
    expect(timelineView(item("assessment", { event: "unfiled", questionnaire_code: "x" }), t, "en").title).toBe(
      "Assessment taken off the case",
    );
    expect(view.link?.to).toBe("/assessments/a1");
  });
  it("keeps going for a kind it does not know", () => {
    expect(timelineView(item("transfer", {}), t, "en").title).toBe("transfer");
  });
});

describe("benefit lines on a case's timeline", () => {
  it("says what was decided for the household, how much, for when, and links the decision", () => {
    const view = timelineView(
      item("benefit", {
        event: "decided",
        decision_id: "d 1",
        application_id: "a1",
        programme_name: "Ajutor social",
        outcome: "approved",
        state: "active",
        amount_minor: 150000,
        currency: "MDL",
        period_from: "2026-11",
        period_to: "2027-04",
      }),
      t,
      "en",
    );
    expect(view.title).toBe("Benefit approved");
    expect(view.lines[0]).toBe("Ajutor social");
    expect(view.lines[1]).toMatch(/^MDL\s1,500\.00 a month$/);
    expect(view.link).toEqual({ to: "/benefits/decisions/d%201", label: "Open the decision" });
  });

  it("links an application to its page and names a later move by its state", () => {
    const applied = timelineView(item("benefit", { event: "applied", application_id: "a1", programme_name: "Fond" }), t, "en");
    expect(applied.title).toBe("Benefit application recorded");
    expect(applied.link?.to).toBe("/benefits/applications/a1");
    const moved = timelineView(item("benefit", { event: "moved", decision_id: "d1", state: "suspended", reason: "No papers" }), t, "en");
    expect(moved.title).toBe("Benefit decision now: Suspended");
    expect(moved.lines).toContain("No papers");
  });
});
