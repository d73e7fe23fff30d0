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
  it("keeps going for a kind it does not know", () => {
    expect(timelineView(item("transfer", {}), t, "en").title).toBe("transfer");
  });
});
