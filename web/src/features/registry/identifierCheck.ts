// The checks of a national identifier the browser can make when the field is left: digits
// only, the scheme's length and its check digit (the same as src/registry/identifiers.cc).
// Dates, regions and serials implied by a code are left to the server.

export type IdentifierProblem = "not_digits" | "wrong_length" | "bad_check_digit";

const weighted = (digits: string, weights: readonly number[]) =>
  weights.reduce((sum, w, i) => sum + w * Number(digits[i]), 0);
const mod = (a: number, m: number) => ((a % m) + m) % m;

const SCHEMES: Record<string, { length: number; check: (body: string) => number }> = {
  "RO-CNP": {
    length: 13,
    check: (b) => {
      const r = weighted(b, [2, 7, 9, 1, 4, 6, 3, 5, 8, 2, 7, 9]) % 11;
      return r === 10 ? 1 : r;
    },
  },
  "MD-IDNP": { length: 13, check: (b) => weighted(b, [7, 3, 1, 7, 3, 1, 7, 3, 1, 7, 3, 1]) % 10 },
  "UA-RNOKPP": { length: 10, check: (b) => mod(weighted(b, [-1, 5, 7, 9, 4, 6, 10, 5, 7]), 11) % 10 },
  "UA-UNZR": { length: 13, check: (b) => weighted(b, [7, 3, 1, 7, 3, 1, 7, 3, 1, 7, 3, 1]) % 10 },
  "MK-EMBG": {
    length: 13,
    check: (b) => {
      const k = 11 - (weighted(b, [7, 6, 5, 4, 3, 2, 7, 6, 5, 4, 3, 2]) % 11);
      if (k === 10) return -1;
      return k === 11 ? 0 : k;
    },
  },
  "LT-AK": {
    length: 11,
    check: (b) => {
      let r = weighted(b, [1, 2, 3, 4, 5, 6, 7, 8, 9, 1]) % 11;
      if (r !== 10) return r;
      r = weighted(b, [3, 4, 5, 6, 7, 8, 9, 1, 2, 3]) % 11;
      return r === 10 ? 0 : r;
    },
  },
};

/** What is wrong with `value` as a code of `scheme`, or null (also for an unknown scheme or a blank value). */
export function identifierProblem(scheme: string, value: string): IdentifierProblem | null {
  const s = SCHEMES[scheme];
  let digits = value.trim();
  if (!s || !digits) return null;
  if (scheme === "UA-UNZR" && digits.length > 8 && digits[8] === "-") digits = digits.slice(0, 8) + digits.slice(9);
  if (!/^\d+$/.test(digits)) return "not_digits";
  if (digits.length !== s.length) return "wrong_length";
  if (s.check(digits.slice(0, -1)) !== Number(digits[digits.length - 1])) return "bad_check_digit";
  return null;
}
