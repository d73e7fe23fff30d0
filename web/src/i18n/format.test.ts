import { describe, expect, it } from "vitest";
import { dayBoundary, formatDateTime, formatNumber } from "./format";
import { languageEndonym, pickLanguage } from "./languages";

describe("pickLanguage", () => {
  it("prefers a valid stored choice", () => {
    expect(pickLanguage("mk", ["en-US"])).toBe("mk");
  });
  it("ignores an invalid stored value and uses the browser's first supported language", () => {
    expect(pickLanguage("xx", ["de-DE", "uk-UA", "ru"])).toBe("uk");
  });
  it("falls back to English", () => {
    expect(pickLanguage(null, ["de", "fr"])).toBe("en");
    expect(pickLanguage(null, [])).toBe("en");
  });
});

describe("formatting", () => {
  const instant = "2026-11-23T15:59:25.123Z";
  it("formats numbers with the locale's grouping", () => {
    expect(formatNumber(1234567, "en")).toBe("1,234,567");
    expect(formatNumber(1234567, "ro")).toBe("1.234.567");
    // Ukrainian and Lithuanian group with a (narrow) no-break space.
    expect(formatNumber(1234567, "uk").replace(/\s/g, " ")).toBe("1 234 567");
  });
  it("runs in the time zone vite.config.ts pins", () => {
    expect(Intl.DateTimeFormat().resolvedOptions().timeZone).toBe("Europe/Bucharest");
  });
  it("formats instants in the chosen language, in local time", () => {
    // 15:59:25 UTC is 17:59:25 in Bucharest in November.
    expect(formatDateTime(instant, "en")).toBe("23 Nov 2026, 17:59:25");
    expect(formatDateTime(instant, "ro")).toMatch(/^23 nov\.? 2026,? 17:59:25$/);
    expect(formatDateTime(instant, "uk")).toMatch(/^23 лист\.? 2026\D+17:59:25$/);
    expect(formatDateTime(null, "en")).toBe("");
    expect(formatDateTime("not a date", "en")).toBe("not a date");
  });
  it("turns a local day into the first and last millisecond of that day, in UTC", () => {
    // Bucharest is UTC+2 in November: the local day starts at 22:00 UTC the day before.
    expect(dayBoundary("2026-11-23", "start")).toBe("2026-11-22T22:00:00.000Z");
    expect(dayBoundary("2026-11-23", "end")).toBe("2026-11-23T21:59:59.999Z");
    // The day summer time begins has 23 hours: UTC+2 at its start, UTC+3 at its end.
    expect(dayBoundary("2026-03-29", "start")).toBe("2026-03-28T22:00:00.000Z");
    expect(dayBoundary("2026-03-29", "end")).toBe("2026-03-29T20:59:59.999Z");
    expect(dayBoundary("", "start")).toBeUndefined();
    expect(dayBoundary("23.11.2026", "end")).toBeUndefined();
  });
  it("names each language in itself", () => {
    expect(languageEndonym("uk")).toBe("Українська");
    expect(languageEndonym("ro")).toBe("Română");
    expect(languageEndonym("lt")).toBe("Lietuvių");
  });
});
