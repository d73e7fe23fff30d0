import { describe, expect, it } from "vitest";
import { ApiError } from "../../api/client";
import { translate } from "../../i18n/i18n";
import { likelyMatchesOf, matchReasonText } from "./likelyMatches";

describe("likelyMatchesOf", () => {
  it("reads the matches of a possible-duplicate refusal", () => {
    const match = { id: "p1", given_name: "Ioana", family_name: "Popescu", reason: "name_and_birth_date" };
    const error = new ApiError({
      status: 409,
      code: "person.possible_duplicate",
      problem: { code: "person.possible_duplicate", matches: [match] },
    });
    expect(likelyMatchesOf(error)).toEqual([match]);
  });

  it("is null for any other error", () => {
    expect(likelyMatchesOf(new ApiError({ status: 409, code: "person.duplicate_identifier" }))).toBeNull();
    expect(likelyMatchesOf(new Error("x"))).toBeNull();
    expect(likelyMatchesOf(null)).toBeNull();
  });
});

describe("matchReasonText", () => {
  const t = (key: Parameters<typeof translate>[1], values?: Record<string, string | number>) => translate("en", key, values);

  it("gives a probable match its probability as a percentage", () => {
    expect(matchReasonText({ reason: "probable", probability: 0.9973 }, t, "en")).toBe("probably the same person (99.7%)");
    expect(matchReasonText({ reason: "probable", probability: 0.95 }, (k, v) => translate("ro", k, v), "ro")).toMatch(
      /^probabil aceeași persoană \(95\s?%\)$/u,
    );
  });

  it("names the other reasons in words", () => {
    expect(matchReasonText({ reason: "identifier" }, t, "en")).toBe("same identifier");
    expect(matchReasonText({ reason: "name_and_birth_date" }, t, "en")).toBe("same name and birth date");
  });
});
