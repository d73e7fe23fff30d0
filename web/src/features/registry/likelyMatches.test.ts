import { describe, expect, it } from "vitest";
import { ApiError } from "../../api/client";
import { likelyMatchesOf } from "./likelyMatches";

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
