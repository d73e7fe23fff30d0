import { describe, expect, it } from "vitest";
import {
  actionProblem,
  actionUrgency,
  addDays,
  byRiskThenAge,
  caseProblem,
  closingNeedsReason,
  closingWaitsForApproval,
  contactBody,
  contactChanges,
  contactFormOf,
  contactProblem,
  emptyContactForm,
  isRealDate,
  localIsoDate,
  referralAnswerProblem,
  statusesFor,
  transitionChoices,
  type ActionFormState,
} from "./rules";
import type { Contact } from "../../api/types";

const TODAY = "2026-12-06";

describe("dates", () => {
  it("adds calendar days across months and years", () => {
    expect(addDays("2026-12-30", 3)).toBe("2027-01-02");
    expect(addDays("2026-03-01", -1)).toBe("2026-02-28");
  });
  it("knows real dates", () => {
    expect(isRealDate("2026-02-29")).toBe(false);
    expect(isRealDate("2028-02-29")).toBe(true);
    expect(isRealDate("06.12.2026")).toBe(false);
  });
  it("gives the local date of a moment", () => {
    expect(localIsoDate(new Date(2026, 0, 5, 23, 59))).toBe("2026-01-05");
  });
});

describe("actionUrgency", () => {
  const action = (deadline: string, status: "planned" | "in_progress" | "done" | "cancelled" = "planned") => ({
    deadline,
    status,
  });
  it("is overdue when the deadline passed and the action is still open", () => {
    expect(actionUrgency(action("2026-12-05"), TODAY)).toBe("overdue");
    expect(actionUrgency(action("2026-11-01", "in_progress"), TODAY)).toBe("overdue");
  });
  it("is not overdue on the deadline itself", () => {
    expect(actionUrgency(action(TODAY), TODAY)).toBe("due_soon");
  });
  it("is due soon within 7 days, later after", () => {
    expect(actionUrgency(action("2026-12-13"), TODAY)).toBe("due_soon");
    expect(actionUrgency(action("2026-12-14"), TODAY)).toBe("later");
  });
  it("is finished when done or cancelled, however late", () => {
    expect(actionUrgency(action("2026-01-01", "done"), TODAY)).toBe("finished");
    expect(actionUrgency(action("2026-01-01", "cancelled"), TODAY)).toBe("finished");
  });
  it("trusts the server's overdue flag", () => {
    expect(actionUrgency({ ...action("2026-12-07"), overdue: true }, TODAY)).toBe("overdue");
  });
});

describe("byRiskThenAge", () => {
  it("puts critical first, then the oldest", () => {
    const cases = [
      { id: "a", risk_level: "low" as const, opened_at: "2026-01-01T00:00:00Z" },
      { id: "b", risk_level: "critical" as const, opened_at: "2026-06-01T00:00:00Z" },
      { id: "c", risk_level: "high" as const, opened_at: "2026-03-01T00:00:00Z" },
      { id: "d", risk_level: "high" as const, opened_at: "2026-02-01T00:00:00Z" },
      { id: "e", opened_at: "2025-01-01T00:00:00Z" },
    ];
    expect(byRiskThenAge(cases).map((c) => c.id)).toEqual(["b", "d", "c", "a", "e"]);
  });
});

describe("transitionChoices", () => {
  const choices = (state: Parameters<typeof transitionChoices>[0]["state"], allowed: string[], pending = false) =>
    transitionChoices({
      state,
      allowed_transitions: allowed as never,
      closure_request: pending ? { requested_by: { id: "u", display_name: "U" }, requested_at: "", reason: null } : null,
    }).map((c) => `${c.role}:${c.to}`);

  it("shows moving on first, going back next, closing last", () => {
    expect(choices("planning", ["closed", "assessment", "in_service"])).toEqual([
      "forward:in_service",
      "back:assessment",
      "close:closed",
    ]);
    expect(choices("monitoring", ["in_service", "planning", "closed"])).toEqual([
      "back:planning",
      "back:in_service",
      "close:closed",
    ]);
  });
  it("offers reopening a closed case", () => {
    expect(choices("closed", ["assessment"])).toEqual(["reopen:assessment"]);
  });
  it("offers nothing while a closure waits for approval", () => {
    expect(choices("in_service", ["monitoring", "closed"], true)).toEqual([]);
  });
  it("offers nothing to a reader without the content", () => {
    expect(transitionChoices({ state: "intake", allowed_transitions: undefined, closure_request: undefined })).toEqual([]);
  });
});

describe("closing", () => {
  it("needs a reason only with open actions", () => {
    expect(closingNeedsReason({ open_actions: 2 })).toBe(true);
    expect(closingNeedsReason({ open_actions: 0 })).toBe(false);
    expect(closingNeedsReason({})).toBe(false);
  });
  it("waits for approval for a child's case closed by a worker", () => {
    expect(closingWaitsForApproval({ child_case: true }, false)).toBe(true);
    expect(closingWaitsForApproval({ child_case: true }, true)).toBe(false);
    expect(closingWaitsForApproval({ child_case: false }, false)).toBe(false);
  });
});

describe("contact form", () => {
  const form = (changes: Partial<ReturnType<typeof emptyContactForm>>) => ({ ...emptyContactForm(TODAY), ...changes });

  it("starts on today", () => {
    expect(emptyContactForm(TODAY).date).toBe(TODAY);
  });
  it("needs a kind and a real date", () => {
    expect(contactProblem(form({}), TODAY)).toEqual({ field: "kind", problem: "kind_required" });
    expect(contactProblem(form({ kind: "home_visit", date: "" }), TODAY)?.problem).toBe("date_required");
    expect(contactProblem(form({ kind: "home_visit", date: "2026-02-30" }), TODAY)?.problem).toBe("date_invalid");
  });
  it("needs a reason for an audience or a phone call only", () => {
    expect(contactProblem(form({ kind: "audience" }), TODAY)).toEqual({ field: "reason", problem: "contact_reason_required" });
    expect(contactProblem(form({ kind: "phone_call", reason: "documents" }), TODAY)).toBeNull();
    expect(contactProblem(form({ kind: "home_visit" }), TODAY)).toBeNull();
  });
  it("lets only a planned home visit be in the future", () => {
    expect(contactProblem(form({ kind: "home_visit", date: "2026-12-08" }), TODAY)?.problem).toBe("future_done");
    expect(contactProblem(form({ kind: "home_visit", status: "planned", date: "2026-12-08" }), TODAY)).toBeNull();
    expect(contactProblem(form({ kind: "audience", reason: "housing", status: "planned", date: "2026-12-08" }), TODAY)?.problem).toBe(
      "future_done",
    );
  });
  it("offers planned and missed only for a home visit", () => {
    expect(statusesFor("home_visit")).toEqual(["done", "planned", "missed"]);
    expect(statusesFor("audience")).toEqual(["done"]);
  });
  it("sends only what was filled in, and the visit's fields only for a visit", () => {
    expect(
      contactBody(form({ kind: "audience", reason: "housing", present: "left over", action_taken: "  " }), { person_id: "p1" }),
    ).toEqual({ kind: "audience", date: TODAY, status: "done", reason: "housing", person_id: "p1" });
    expect(
      contactBody(form({ kind: "home_visit", status: "planned", date: "2026-12-08", outcome: "advice_given", next_steps: " call " }), {
        household_id: "h1",
      }),
    ).toEqual({ kind: "home_visit", date: "2026-12-08", status: "planned", next_steps: "call", household_id: "h1" });
  });
});

describe("changing a recorded contact", () => {
  const planned: Contact = {
    id: "c1",
    version: 3,
    kind: "home_visit",
    status: "planned",
    date: TODAY,
    time: "10:30",
    community_code: "MD:0481",
    person: null,
    household: { id: "h1", name: "Rusu" },
    case_id: "k1",
    reason: "child_welfare",
    action_taken: null,
    outcome: null,
    worker: { id: "u1", display_name: "Ana" },
    present: null,
    observations: null,
    next_steps: "Bring the school's letter",
    created_at: "2026-12-01T08:00:00Z",
    updated_at: "2026-12-01T08:00:00Z",
  };

  it("opens a planned visit as done when it is to be recorded", () => {
    const form = contactFormOf(planned, "done");
    expect(form).toMatchObject({ kind: "home_visit", status: "done", date: TODAY, time: "10:30", reason: "child_welfare" });
    expect(contactFormOf(planned).status).toBe("planned");
  });

  it("sends only what changed", () => {
    const form = { ...contactFormOf(planned, "done"), present: "Mother and son", observations: "Warm flat now." };
    expect(contactChanges(form, planned)).toEqual({ status: "done", present: "Mother and son", observations: "Warm flat now." });
    expect(contactChanges(contactFormOf(planned), planned)).toEqual({});
  });

  it("clears an emptied field with null", () => {
    const form = { ...contactFormOf(planned), next_steps: "  ", time: "" };
    expect(contactChanges(form, planned)).toEqual({ time: null, next_steps: null });
  });

  it("records a missed visit without an outcome", () => {
    const form = { ...contactFormOf(planned, "missed"), outcome: "advice_given" as const };
    expect(contactChanges(form, planned)).toEqual({ status: "missed" });
  });
});

describe("case form", () => {
  it("needs category, risk and reason, in that order", () => {
    expect(caseProblem({ category: "", risk_level: "", opening_reason: "" })?.field).toBe("category");
    expect(caseProblem({ category: "poverty", risk_level: "", opening_reason: "" })?.field).toBe("risk_level");
    expect(caseProblem({ category: "poverty", risk_level: "low", opening_reason: " " })?.field).toBe("opening_reason");
    expect(caseProblem({ category: "poverty", risk_level: "low", opening_reason: "No heating" })).toBeNull();
  });
});

describe("plan action form", () => {
  const filled: ActionFormState = {
    goal_id: "g1",
    text: "Meet the teacher",
    agency: "education",
    responsible: "me",
    responsible_name: "",
    responsible_contact: "",
    deadline: "2026-12-20",
  };
  it("accepts a complete action", () => {
    expect(actionProblem(filled, "2026-12-01")).toBeNull();
  });
  it("needs a name for a responsible outside Socius", () => {
    expect(actionProblem({ ...filled, responsible: "other" }, null)?.field).toBe("responsible_name");
  });
  it("refuses a deadline before the case opened, but not a past one after it", () => {
    expect(actionProblem({ ...filled, deadline: "2026-11-30" }, "2026-12-01")?.problem).toBe("deadline_before_opening");
    expect(actionProblem({ ...filled, deadline: "2026-12-01" }, "2026-12-01")).toBeNull();
  });
});

describe("referral answer form", () => {
  it("needs a reason for a refusal only", () => {
    expect(referralAnswerProblem({ answer: "refused", answer_reason: "", answered_on: TODAY })?.field).toBe("answer_reason");
    expect(referralAnswerProblem({ answer: "waiting_list", answer_reason: "", answered_on: TODAY })).toBeNull();
    expect(referralAnswerProblem({ answer: "", answer_reason: "", answered_on: TODAY })?.field).toBe("answer");
  });
});
