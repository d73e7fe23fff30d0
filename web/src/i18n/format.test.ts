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
  it("formats instants with numeric dates that need no locale data", () => {
    const local = new Date(instant);
    const day = String(local.getDate()).padStart(2, "0");
    const time = `${String(local.getHours()).padStart(2, "0")}:59:25`;
    expect(formatDateTime(instant, "en")).toBe(`${day}/11/2026 ${time}`);
    expect(formatDateTime(instant, "ro")).toBe(`${day}.11.2026 ${time}`);
    expect(formatDateTime(instant, "mk")).toBe(`${day}.11.2026 ${time}`);
    expect(formatDateTime(instant, "lt")).toBe(`2026-11-${day} ${time}`);
    expect(formatDateTime(null, "en")).toBe("");
    expect(formatDateTime("not a date", "en")).toBe("not a date");
  });
  it("turns a local day into the first and last millisecond of that day, in UTC", () => {
    const start = dayBoundary("2026-11-23", "start")!;
    const end = dayBoundary("2026-11-23", "end")!;
    expect(start).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(new Date(start).getDate()).toBe(23);
    expect(new Date(start).getHours()).toBe(0);
    expect(new Date(end).getDate()).toBe(23);
    expect(new Date(end).getHours()).toBe(23);
    expect(new Date(end).getMilliseconds()).toBe(999);
    expect(dayBoundary("", "start")).toBeUndefined();
    expect(dayBoundary("23.11.2026", "end")).toBeUndefined();
  });
  it("names each language in itself", () => {
    expect(languageEndonym("uk")).toBe("Українська");
    expect(languageEndonym("ro")).toBe("Română");
    expect(languageEndonym("lt")).toBe("Lietuvių");
    expect(languageEndonym("mk")).toBe("Македонски");
    expect(languageEndonym("ru")).toBe("Русский");
    expect(languageEndonym("en")).toBe("English");
  });
});
