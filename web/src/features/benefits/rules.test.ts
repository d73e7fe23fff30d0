import { describe, expect, it } from "vitest";
import type { Decision } from "../../api/types";
import {
  EMPTY_PROGRAMME,
  addMonths,
  awaitingMyApproval,
  emptyRule,
  incomesOf,
  newProgrammeBody,
  programmeFormOf,
  ruleOf,
  transitionAction,
  transitionNeeds,
} from "./rules";

describe("ruleOf", () => {
  it("turns each kind's draft into the API's rule", () => {
    expect(ruleOf({ ...emptyRule("age"), min: "18", max: "62" }, "rules[0]", "MDL", "en")).toEqual({
      ok: true,
      value: { kind: "age", min: 18, max: 62 },
    });
    expect(ruleOf({ ...emptyRule("household_size"), max: "5" }, "rules[0]", "MDL", "en")).toEqual({
      ok: true,
      value: { kind: "household_size", max: 5 },
    });
    expect(ruleOf({ ...emptyRule("children"), min: "3" }, "rules[0]", "MDL", "en")).toEqual({
      ok: true,
      value: { kind: "children", min: 3, under: 18 },
    });
    expect(ruleOf({ ...emptyRule("income_per_member"), maxMoney: "1 500,00" }, "rules[0]", "MDL", "ro")).toEqual({
      ok: true,
      value: { kind: "income_per_member", max_minor: 150000 },
    });
    expect(ruleOf({ ...emptyRule("disability"), minDegree: "severe" }, "rules[0]", "MDL", "en")).toEqual({
      ok: true,
      value: { kind: "disability", min_degree: "severe" },
    });
    expect(ruleOf({ ...emptyRule("case_category"), categories: ["poverty"] }, "rules[0]", "MDL", "en")).toEqual({
      ok: true,
      value: { kind: "case_category", categories: ["poverty"] },
    });
    expect(ruleOf({ ...emptyRule("residence_months"), min: "12" }, "rules[0]", "MDL", "en")).toEqual({
      ok: true,
      value: { kind: "residence_months", min: 12 },
    });
    expect(ruleOf(emptyRule("not_paid_this_period"), "rules[0]", "MDL", "en")).toEqual({
      ok: true,
      value: { kind: "not_paid_this_period" },
    });
  });

  it("names the rule at fault", () => {
    expect(ruleOf({ ...emptyRule("age"), min: "x" }, "rules[2]", "MDL", "en")).toEqual({
      ok: false,
      problem: { field: "rules[2]", problem: "invalid_number" },
    });
    expect(ruleOf(emptyRule("income_per_member"), "rules[1]", "MDL", "en")).toEqual({
      ok: false,
      problem: { field: "rules[1]", problem: "required" },
    });
    expect(ruleOf({ ...emptyRule("income_per_member"), maxMoney: "-3" }, "rules[1]", "MDL", "en")).toEqual({
      ok: false,
      problem: { field: "rules[1]", problem: "negative" },
    });
    expect(ruleOf(emptyRule("case_category"), "rules[0]", "MDL", "en")).toMatchObject({ ok: false });
    expect(ruleOf(emptyRule("residence_months"), "rules[0]", "MDL", "en")).toMatchObject({ ok: false });
  });
});

describe("programme form", () => {
  const form = {
    ...EMPTY_PROGRAMME,
    territory: { code: "MD:0110", name: "Ialoveni" },
    name: " Ajutor social ",
    amount: "1500",
    budget: "200000",
    fourEyes: "5000",
    documents: ["Identity papers", " "],
    rules: [{ ...emptyRule("income_per_member"), maxMoney: "1500" }],
  };

  it("sends every amount in minor units", () => {
    expect(newProgrammeBody(form, "en")).toEqual({
      ok: true,
      value: {
        territory_code: "MD:0110",
        currency: "MDL",
        status: "draft",
        name: "Ajutor social",
        kind: "monthly_aid",
        amount: { rule: "fixed", amount_minor: 150000 },
        budget_period: "month",
        budget_minor: 20000000,
        four_eyes_above_minor: 500000,
        rules: [{ kind: "income_per_member", max_minor: 150000 }],
        documents: ["Identity papers"],
        description: null,
      },
    });
  });

  it("leaves the second approval out when no threshold is given", () => {
    const body = newProgrammeBody({ ...form, fourEyes: "" }, "en");
    expect(body.ok && body.value.four_eyes_above_minor).toBe(null);
  });

  it("names the amount field at fault", () => {
    expect(newProgrammeBody({ ...form, amount: "" }, "en")).toEqual({
      ok: false,
      problem: { field: "amount.amount_minor", problem: "required" },
    });
    expect(newProgrammeBody({ ...form, budget: "12,345" }, "ro")).toEqual({
      ok: false,
      problem: { field: "budget_minor", problem: "too_precise" },
    });
  });

  it("reads a programme back into the form in the user's language", () => {
    const sent = newProgrammeBody(form, "ro");
    if (!sent.ok) throw new Error("not converted");
    const programme = {
      ...sent.value,
      id: "p1",
      version: 1,
      territory_name: "Ialoveni",
      four_eyes_above_minor: sent.value.four_eyes_above_minor ?? null,
      rules: sent.value.rules ?? [],
      documents: sent.value.documents ?? [],
      description: null,
      status: "draft" as const,
      budget_period: "month" as const,
      created_at: "",
      updated_at: "",
    };
    const back = programmeFormOf(programme, "ro");
    expect(back.amount).toBe("1500,00");
    expect(back.fourEyes).toBe("5000,00");
    expect(back.rules[0].maxMoney).toBe("1500,00");
    expect(newProgrammeBody(back, "ro")).toEqual(sent);
  });
});

describe("incomesOf", () => {
  it("declares each income in minor units, for a member or the household", () => {
    expect(
      incomesOf(
        [
          { personId: "p1", kind: "salary", amount: "4200" },
          { personId: "", kind: "allowance", amount: "1480,50" },
        ],
        "MDL",
        "ro",
      ),
    ).toEqual({
      ok: true,
      value: [
        { person_id: "p1", kind: "salary", monthly_amount_minor: 420000 },
        { person_id: null, kind: "allowance", monthly_amount_minor: 148050 },
      ],
    });
  });

  it("names the row at fault", () => {
    expect(incomesOf([{ personId: "", kind: "other", amount: "" }, { personId: "", kind: "other", amount: "1.234" }], "MDL", "en")).toEqual({
      ok: false,
      problem: { field: "incomes[0].monthly_amount_minor", problem: "required" },
    });
  });
});

describe("months", () => {
  it("moves across years", () => {
    expect(addMonths("2026-11", 2)).toBe("2027-01");
    expect(addMonths("2026-01", -1)).toBe("2025-12");
    expect(addMonths("2026-06", 0)).toBe("2026-06");
  });
});

describe("decisions", () => {
  const decision = (id: string, state: Decision["state"], decidedBy: string) =>
    ({ id, state, decided_by: { id: decidedBy, display_name: decidedBy } }) as Decision;

  it("lists for a second approver only the others' decisions awaiting approval", () => {
    const all = [decision("a", "awaiting_approval", "ana"), decision("b", "awaiting_approval", "ion"), decision("c", "active", "ion")];
    expect(awaitingMyApproval(all, "ana").map((d) => d.id)).toEqual(["b"]);
    expect(awaitingMyApproval(all, "ion").map((d) => d.id)).toEqual(["a"]);
  });

  it("asks a reason to reject, suspend and end, and the last month to end", () => {
    expect(transitionNeeds("awaiting_approval", "active")).toEqual({ reason: false, month: false });
    expect(transitionNeeds("awaiting_approval", "rejected")).toEqual({ reason: true, month: false });
    expect(transitionNeeds("active", "suspended")).toEqual({ reason: true, month: false });
    expect(transitionNeeds("suspended", "active")).toEqual({ reason: false, month: false });
    expect(transitionNeeds("active", "ended")).toEqual({ reason: true, month: true });
    expect(transitionAction("awaiting_approval", "active")).toBe("approve");
    expect(transitionAction("suspended", "active")).toBe("resume");
    expect(transitionAction("suspended", "ended")).toBe("end");
  });
});
