// The registry screens have no serious or critical WCAG 2.1 AA violations (axe-core).
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { ADMIN_PASSWORD, ADMIN_USERNAME, expect, test } from "./fixtures";
import { signIn, someCommunity } from "./helpers";

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  return results.violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map((violation) => ({
      id: violation.id,
      help: violation.help,
      targets: violation.nodes.map((node) => node.target.join(" ")),
    }));
}

test("the registry search, person form, card and household pages have no serious accessibility violations", async ({
  page,
  adminApi,
}) => {
  const community = await someCommunity(adminApi);
  const person = await adminApi.send("POST", "/api/v1/persons", {
    // Other tests on this server register namesakes born the same day.
    duplicate_reason: "A namesake registered by another test",
    given_name: "Марія",
    family_name: "Шевченко",
    birth_date: "1991-06-15",
    sex: "female",
    community_code: community.code,
    languages: ["uk", "ro"],
  });
  await page.goto("/");
  await signIn(page, ADMIN_USERNAME, ADMIN_PASSWORD);
  await page.getByRole("navigation", { name: "Main navigation" }).getByRole("link", { name: "Find a person" }).click();
  await page.getByRole("combobox", { name: "Search for a person" }).fill("Shevchenko");
  await expect(page.getByRole("option").filter({ hasText: "Шевченко Марія" })).toBeVisible();
  await page.getByRole("combobox", { name: "Search for a person" }).press("ArrowDown");
  expect(await seriousViolations(page)).toEqual([]);

  await page.goto("/registry/persons/new");
  await expect(page.getByRole("heading", { name: "Register a person", level: 1 })).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);

  await page.goto(`/registry/persons/${person.id}`);
  await expect(page.getByRole("heading", { name: "Шевченко Марія", level: 1 })).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  await page.getByRole("tab", { name: "History of changes" }).click();
  await expect(page.getByText("Registered by admin")).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);

  await page.goto(`/registry/households/new?person=${person.id}`);
  await expect(page.getByRole("link", { name: "Шевченко Марія" })).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);

  await page.goto("/registry/import");
  await expect(page.getByRole("heading", { name: "Import persons from CSV" })).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
});
