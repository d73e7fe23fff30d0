import { describe, expect, it } from "vitest";
import { identifierProblem } from "./identifierCheck";

describe("identifierProblem", () => {
  it.each([
    ["RO-CNP", "1810403011230"],
    ["UA-RNOKPP", "3083105674"],
  ])("accepts a valid %s", (scheme, value) => {
    expect(identifierProblem(scheme, value)).toBeNull();
  });

  it("names a wrong check digit, a wrong length and a letter", () => {
    expect(identifierProblem("RO-CNP", "1810403011234")).toBe("bad_check_digit");
    expect(identifierProblem("RO-CNP", "181040301123")).toBe("wrong_length");
    expect(identifierProblem("RO-CNP", "18104030112a0")).toBe("not_digits");
  });

  it("leaves blank values and unknown schemes to the server", () => {
    expect(identifierProblem("RO-CNP", "  ")).toBeNull();
    expect(identifierProblem("", "123")).toBeNull();
  });
});
