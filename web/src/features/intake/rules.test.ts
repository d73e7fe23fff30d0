import { describe, expect, it } from "vitest";
import { ApiError } from "../../api/client";
import {
  MAX_CASEWORK_TEXT,
  answerProblem,
  contactHref,
  excerpt,
  isAnswerConflict,
  personProblem,
  prefillFromNeed,
  queueFilter,
  resolution,
  showsCommunity,
  waitingCount,
} from "./rules";

describe("the queue's filter", () => {
  it("lists the answered requests only when asked, the open ones otherwise", () => {
    expect(queueFilter("resolved")).toBe("resolved");
    expect(queueFilter("open")).toBe("open");
    expect(queueFilter("")).toBe("open");
    expect(queueFilter(null)).toBe("open");
    expect(queueFilter("case")).toBe("open");
  });
});

describe("prefillFromNeed", () => {
  it("names the request, then gives the resident's words", () => {
    expect(prefillFromNeed("Request for help K7QM-2XDP:", "  No firewood for the winter.\n")).toBe(
      "Request for help K7QM-2XDP:\nNo firewood for the winter.",
    );
  });

  it("cuts what the field would refuse, and says so", () => {
    const text = prefillFromNeed("Request:", "x".repeat(MAX_CASEWORK_TEXT));
    expect(text.length).toBe(MAX_CASEWORK_TEXT);
    expect(text.endsWith("…")).toBe(true);
    expect(prefillFromNeed("Request:", "short", 20)).toBe("Request:\nshort");
  });
});

describe("excerpt", () => {
  it("keeps a short need whole, on one line", () => {
    expect(excerpt("Bunica mea\nstă singură.")).toBe("Bunica mea stă singură.");
  });

  it("cuts a long one between words", () => {
    expect(excerpt("one two three four five", 12)).toBe("one two…");
    expect(excerpt("abcdefghijklmnop", 8)).toBe("abcdefgh…");
  });
});

describe("contactHref", () => {
  it("writes to an email address and calls a phone number", () => {
    expect(contactHref("ioana@example.ro")).toBe("mailto:ioana@example.ro");
    expect(contactHref("0722 000 000")).toBe("tel:0722000000");
    expect(contactHref("+40 (258) 811-200")).toBe("tel:+40258811200");
  });

  it("leaves anything else as text", () => {
    expect(contactHref("at the church, after mass")).toBeNull();
    expect(contactHref("12 34")).toBeNull();
    expect(contactHref("javascript:alert(1)")).toBeNull();
    expect(contactHref("a@b")).toBeNull();
  });
});

describe("showsCommunity", () => {
  it("names the community only when the requests come from more than one", () => {
    expect(showsCommunity([])).toBe(false);
    expect(showsCommunity([{ community_code: "RO:1017" }, { community_code: "RO:1017" }])).toBe(false);
    expect(showsCommunity([{ community_code: "RO:1017" }, { community_code: "RO:1018" }])).toBe(true);
  });
});

describe("personProblem", () => {
  const request = { community_code: "RO:1017" };

  it("asks for a person", () => {
    expect(personProblem(null, request)).toEqual({ field: "person_id", problem: "person_required" });
  });

  it("refuses a person of another community, which the server would not link", () => {
    expect(personProblem({ community_code: "RO:1018" }, request)).toEqual({
      field: "person_id",
      problem: "person_outside_community",
    });
    expect(personProblem({ community_code: "RO:1017" }, request)).toBeNull();
  });
});

describe("answerProblem", () => {
  it("asks for the answer given", () => {
    expect(answerProblem("  ")).toEqual({ field: "answer", problem: "answer_required" });
    expect(answerProblem("Firewood delivered.")).toBeNull();
  });
});

describe("resolution", () => {
  it("sends what each outcome needs, and only that", () => {
    expect(resolution({ outcome: "audience", contactId: "c1" })).toEqual({ outcome: "audience", contact_id: "c1" });
    expect(resolution({ outcome: "case", caseId: "k1" })).toEqual({ outcome: "case", case_id: "k1" });
    expect(resolution({ outcome: "closed", answer: "  Firewood delivered. " })).toEqual({
      outcome: "closed",
      answer: "Firewood delivered.",
    });
  });
});

describe("isAnswerConflict", () => {
  it("is true for a request answered or changed meanwhile", () => {
    expect(isAnswerConflict(new ApiError({ status: 409, code: "help.already_resolved" }))).toBe(true);
    expect(isAnswerConflict(new ApiError({ status: 409, code: "conflict.stale_version" }))).toBe(true);
  });

  it("is false for the other errors", () => {
    expect(isAnswerConflict(new ApiError({ status: 400, code: "help.answer_required", field: "answer" }))).toBe(false);
    expect(isAnswerConflict(new Error("boom"))).toBe(false);
    expect(isAnswerConflict(null)).toBe(false);
  });
});

describe("waitingCount", () => {
  it("counts the first page, and says when there are more", () => {
    expect(waitingCount({ items: [1, 2, 3], next_cursor: null })).toEqual({ count: 3, more: false });
    expect(waitingCount({ items: [1, 2], next_cursor: "abc" })).toEqual({ count: 2, more: true });
  });
});
