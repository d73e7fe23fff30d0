import { describe, expect, it } from "vitest";
import { formatMoney, formatMoney as format, minorToDecimal, moneyInputText, parseMoney } from "./money";

describe("parseMoney", () => {
  const cases: [string, "en" | "ro" | "uk" | "ru" | "mk" | "lt", number][] = [
    ["1500", "en", 150000],
    ["1500.5", "en", 150050],
    ["1500.50", "en", 150050],
    ["1,500.50", "en", 150050],
    ["1,500", "en", 150000],
    ["1 500,50", "ro", 150050],
    ["1.500,50", "ro", 150050],
    ["1500,5", "ro", 150050],
    ["1500.5", "ro", 150050],
    ["1\u00a0420,00", "uk", 142000],
    ["1\u202f420,00", "ru", 142000],
    ["0,01", "lt", 1],
    ["19.99", "en", 1999],
    ["0.29", "en", 29],
    ["1.10", "en", 110],
    ["4.35", "en", 435],
    ["1,234,567.89", "en", 123456789],
    ["1.234.567,89", "mk", 123456789],
    ["007", "en", 700],
    [".5", "en", 50],
    ["+12", "en", 1200],
  ];
  for (const [text, language, minor] of cases) {
    it(`reads "${text}" in ${language} as ${minor}`, () => {
      expect(parseMoney(text, "MDL", language)).toEqual({ ok: true, minor });
    });
  }

  it("reads every cent from 0.00 to 20.00 exactly", () => {
    for (let cents = 0; cents <= 2000; cents++) {
      const text = `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, "0")}`;
      expect(parseMoney(text, "EUR", "en")).toEqual({ ok: true, minor: cents });
    }
  });

  it("refuses what is no amount", () => {
    expect(parseMoney("", "MDL", "en")).toEqual({ ok: false, problem: "empty" });
    expect(parseMoney("   ", "MDL", "en")).toEqual({ ok: false, problem: "empty" });
    expect(parseMoney("-5", "MDL", "en")).toEqual({ ok: false, problem: "negative" });
    expect(parseMoney("12a", "MDL", "en")).toEqual({ ok: false, problem: "invalid" });
    expect(parseMoney("1e5", "MDL", "en")).toEqual({ ok: false, problem: "invalid" });
    expect(parseMoney("1.2.3", "MDL", "en")).toEqual({ ok: false, problem: "invalid" });
    expect(parseMoney("1,50,0", "MDL", "en")).toEqual({ ok: false, problem: "invalid" });
    expect(parseMoney("12.", "MDL", "en")).toEqual({ ok: false, problem: "invalid" });
    expect(parseMoney(".", "MDL", "en")).toEqual({ ok: false, problem: "invalid" });
  });

  it("refuses a fraction finer than the currency's minor unit", () => {
    expect(parseMoney("1.505", "MDL", "en")).toEqual({ ok: false, problem: "too_precise" });
    // In Romanian "1.505" groups thousands.
    expect(parseMoney("1.505", "MDL", "ro")).toEqual({ ok: true, minor: 150500 });
    expect(parseMoney("1,505", "MDL", "ro")).toEqual({ ok: false, problem: "too_precise" });
    expect(parseMoney("0.001", "EUR", "en")).toEqual({ ok: false, problem: "too_precise" });
  });

  it("refuses an amount too large to hold exactly", () => {
    expect(parseMoney("99999999999999999", "EUR", "en")).toEqual({ ok: false, problem: "too_large" });
    expect(parseMoney("999999999999.99", "EUR", "en")).toEqual({ ok: true, minor: 99999999999999 });
  });
});

describe("minorToDecimal and formatMoney", () => {
  it("writes minor units as an exact decimal", () => {
    expect(minorToDecimal(142000, "MDL")).toBe("1420.00");
    expect(minorToDecimal(5, "MDL")).toBe("0.05");
    expect(minorToDecimal(0, "MDL")).toBe("0.00");
    expect(minorToDecimal(-150, "EUR")).toBe("-1.50");
    expect(minorToDecimal(99999999999999, "EUR")).toBe("999999999999.99");
  });

  it("formats per language with the currency", () => {
    const formatMoney = (...args: Parameters<typeof format>) => format(...args).replace(/[\u00a0\u202f]/g, " ");
    expect(formatMoney(142000, "MDL", "en")).toBe("MDL 1,420.00");
    expect(formatMoney(150000, "EUR", "en")).toBe("€1,500.00");
    expect(formatMoney(142000, "RON", "ro")).toBe("1.420,00 RON");
    expect(formatMoney(null, "RON", "ro")).toBe("");
    // Large amounts keep every cent.
    expect(formatMoney(99999999999999, "EUR", "en")).toBe("€999,999,999,999.99");
    expect(formatMoney(1999, "EUR", "en")).toBe("€19.99");
  });

  it("gives back text that reads as the same amount", () => {
    for (const language of ["en", "ro", "uk", "ru", "mk", "lt"] as const) {
      for (const minor of [0, 1, 29, 1999, 142000, 123456789]) {
        expect(parseMoney(moneyInputText(minor, "MDL", language), "MDL", language)).toEqual({ ok: true, minor });
        expect(parseMoney(formatMoney(minor, "MDL", language).replace(/[^0-9.,\s\u00a0\u202f]/g, ""), "MDL", language)).toEqual({
          ok: true,
          minor,
        });
      }
    }
  });
});
