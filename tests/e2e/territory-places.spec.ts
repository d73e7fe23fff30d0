// Territory lists and pickers tell places of one name apart: each match names its district
// and region, lists are ordered by name, the count is the real total, and Latin spellings find
// Cyrillic names. Laptop in English (Latin), phone in Ukrainian (Cyrillic); axe stays clean.
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { ADMIN_PASSWORD, ADMIN_USERNAME, expect, test } from "./fixtures";
import { signIn } from "./helpers";

const CASES = [
  {
    name: "laptop, English",
    viewport: { width: 1280, height: 800 },
    language: "en",
    labels: { search: "Search territories", searchButton: "Search", place: "Located in", results: /^\d+ results$/, pickerSearch: "Search territory", picker: "Territory", home: "Home territory" },
  },
  {
    name: "phone, Ukrainian",
    viewport: { width: 390, height: 844 },
    language: "uk",
    labels: { search: "Пошук територій", searchButton: "Шукати", place: "Розташування", results: /^\d+ результат/, pickerSearch: "Пошук території", picker: "Територія", home: "Основна територія" },
  },
] as const;

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  return results.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id);
}

test.afterEach(async ({ adminApi }) => {
  await adminApi.send("PATCH", "/api/v1/session", { language: "en" });
});

for (const c of CASES) {
  test(`territory search names the place, counts all and finds Latin spellings (${c.name})`, async ({ page }) => {
    await page.setViewportSize(c.viewport);
    await page.goto("/");
    await signIn(page, ADMIN_USERNAME, ADMIN_PASSWORD);
    await page.getByRole("banner").locator("select").first().selectOption(c.language);
    await expect(page.locator("html")).toHaveAttribute("lang", c.language);

    // A Latin spelling of a Cyrillic name; more matches than one page holds.
    await page.goto("/admin/territories?q=Petrivka");
    await expect(page.getByRole("heading", { level: 2, name: c.labels.results })).toBeVisible();
    const heading = await page.getByRole("heading", { level: 2, name: c.labels.results }).textContent();
    expect(Number(/\d+/.exec(heading ?? "")![0])).toBeGreaterThan(50);
    await expect(page.getByRole("columnheader", { name: c.labels.place })).toBeVisible();
    const rows = page.getByRole("table").getByRole("row");
    await expect(rows.nth(1)).toContainText("Петрівка");
    // Each row names where it lies: places of one name differ by their district and region.
    const places = await page.getByRole("table").locator("tbody tr td:nth-child(3)").allTextContents();
    expect(places.length).toBeGreaterThan(10);
    expect(places.every((place) => place.trim().length > 0)).toBe(true);
    expect(new Set(places).size).toBeGreaterThan(places.length / 2);
    expect(await seriousViolations(page)).toEqual([]);

    // Romania's regions in name order: Arad before Olt (codes sorted Olt first).
    await page.goto("/admin/territories?parent=RO");
    const names = await page.getByRole("table").locator("tbody tr td:first-child a").allTextContents();
    expect(names.indexOf("Județul Arad")).toBeGreaterThanOrEqual(0);
    expect(names.indexOf("Județul Arad")).toBeLessThan(names.indexOf("Județul Olt"));

    // The user form's picker: "Bucha" finds Бучанська, named with its district and region.
    await page.goto("/admin/users/new");
    const home = page.getByRole("group", { name: c.labels.home });
    await home.getByLabel(c.labels.pickerSearch).fill("Bucha");
    const option = home.getByRole("combobox", { name: c.labels.picker }).locator("option", { hasText: "Бучанська" }).first();
    await expect(option).toHaveText(/Бучанська — .+, Бучанський, Київська \(UA:/);
    expect(await seriousViolations(page)).toEqual([]);
  });
}
