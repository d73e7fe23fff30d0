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
    // Each Петрівка names where it lies: places of one name differ by community, district, region.
    const body = page.getByRole("table").locator("tbody tr");
    await expect(body.first()).toBeVisible();
    const cells = await body.evaluateAll((trs) =>
      trs.map((tr) => [
        tr.querySelector("td a")?.textContent?.trim() ?? "",
        ...Array.from(tr.querySelectorAll("td")).slice(1).map((td) => td.textContent?.trim() ?? ""),
      ]),
    );
    const petrivkas = cells.filter((row) => row[0] === "Петрівка");
    expect(petrivkas.length).toBeGreaterThan(5);
    expect(petrivkas.every((row) => row[2].length > 0)).toBe(true);
    expect(new Set(petrivkas.map((row) => row[2])).size).toBeGreaterThan(petrivkas.length / 2);
    // Ordered by name: no row sorts before the one above it (Мала…, Нова…, Новопетрівка, Петрівка).
    const names = cells.map((row) => row[0]);
    expect(names.indexOf("Новопетрівка")).toBeLessThan(names.indexOf("Петрівка"));
    expect(await seriousViolations(page)).toEqual([]);

    // Romania's regions in name order: Arad before Olt (codes sorted Olt first).
    await page.goto("/admin/territories?parent=RO");
    await expect(page.getByRole("link", { name: "Județul Arad" })).toBeVisible();
    const regions = await page.getByRole("table").locator("tbody tr td:first-child a").allTextContents();
    expect(regions.indexOf("Județul Arad")).toBeGreaterThanOrEqual(0);
    expect(regions.indexOf("Județul Arad")).toBeLessThan(regions.indexOf("Județul Olt"));

    // The user form's picker: "Bucha" finds Бучанська, named with its district and region.
    await page.goto("/admin/users/new");
    const home = page.getByRole("group", { name: c.labels.home });
    await home.getByLabel(c.labels.pickerSearch).fill("Bucha");
    const option = home.getByRole("combobox", { name: c.labels.picker }).locator("option", { hasText: /^Бучанська — / }).first();
    await expect(option).toHaveText(/Бучанська — .+, Бучанський, Київська \(UA:/);
    expect(await seriousViolations(page)).toEqual([]);
  });
}
