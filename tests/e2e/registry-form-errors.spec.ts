// The person form on a laptop and a phone, in a Cyrillic and a Latin language: a likely
// existing person is shown before saving (with a link to it and a way to go on, recorded in
// the audit), and a failed save moves focus to the field at fault with a summary by the button.
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { ADMIN_PASSWORD, ADMIN_USERNAME, expect, test } from "./fixtures";
import { catalogue, createUserViaApi, letters, signIn, signInAndSettle, someCommunity, unique } from "./helpers";

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  return results.violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map((violation) => ({ id: violation.id, targets: violation.nodes.map((node) => node.target.join(" ")) }));
}

async function openNewPersonForm(page: Page, language: string, t: Record<string, string>) {
  await page.goto("/");
  await signIn(page, ADMIN_USERNAME, ADMIN_PASSWORD);
  await expect(page.getByRole("heading", { name: /^Welcome, / })).toBeVisible();
  await page.getByRole("banner").getByLabel("Language").selectOption(language);
  await page.goto("/registry/persons/new");
  await expect(page.getByRole("heading", { name: t["registry.newPersonTitle"], level: 1 })).toBeVisible();
}

async function chooseCommunity(page: Page, t: Record<string, string>, code: string) {
  await page.getByRole("searchbox", { name: t["registry.searchCommunity"] }).fill(code);
  const select = page.getByRole("combobox", { name: t["registry.field.community"], exact: true });
  await expect(select.locator(`option[value="${code}"]`)).toHaveCount(1);
  await select.selectOption(code);
}

const cases = [
  { viewport: { width: 1280, height: 800 }, language: "ro", device: "laptop" },
  { viewport: { width: 390, height: 844 }, language: "uk", device: "phone" },
] as const;

for (const { viewport, language, device } of cases) {
  test.describe(`${device}, ${language}`, () => {
    test.use({ viewport });

    test("registering a likely existing person shows it before saving, and going on is audited", async ({
      page,
      adminApi,
    }) => {
      const t = catalogue(language);
      const community = await someCommunity(adminApi);
      const given = letters();
      const existing = await adminApi.send("POST", "/api/v1/persons", {
        given_name: given,
        family_name: "Popescu",
        birth_date: "1981-04-03",
        community_code: community.code,
      });
      await openNewPersonForm(page, language, t);
      await page.locator('input[name="family_name"]').fill("Popescu");
      await page.locator('input[name="given_name"]').fill(given);
      await page.locator('input[name="birth_date"]').fill("1981-04-03");
      await chooseCommunity(page, t, community.code);
      await page.getByRole("button", { name: t["registry.register"], exact: true }).click();

      const heading = page.getByRole("heading", { name: t["registry.duplicate.title"] });
      await expect(heading).toBeVisible();
      await expect(heading).toBeFocused();
      const link = page.getByRole("link", { name: `Popescu ${given}` });
      await expect(link).toHaveAttribute("href", `/registry/persons/${existing.id}`);
      await expect(page.getByText(t["registry.duplicate.reason.name_and_birth_date"])).toBeVisible();
      // The existing person's birth date in the user's numeric form, not as stored.
      await expect(page.locator(".likely-matches")).toContainText("03.04.1981");
      // Nothing was saved yet.
      const before = await adminApi.get(`/api/v1/persons?q=${encodeURIComponent(`Popescu ${given}`)}`);
      expect(before.items.map((p: { id: string }) => p.id)).toEqual([existing.id]);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(viewport.width);
      expect(await seriousViolations(page)).toEqual([]);

      const goOn = page.getByRole("button", { name: t["registry.duplicate.goOn"] });
      await goOn.click();
      const reason = page.getByLabel(t["registry.duplicate.reasonLabel"]);
      await expect(reason).toBeFocused();
      await expect(reason).toHaveAccessibleDescription(t["registry.duplicate.reasonRequired"]);
      await reason.fill("Twin sisters, confirmed at the office");
      // An edit made while the likely persons are shown is saved with the rest.
      await page.locator('input[name="phone"]').fill("0712 345 678");
      await goOn.click();
      await expect(page.getByRole("heading", { name: `Popescu ${given}`, level: 1 })).toBeVisible();
      const created = page.url().split("/").pop()!;
      // The history lists the fields in the form's order and the community by its name.
      await page.getByRole("tab", { name: t["registry.tab.history"] }).click();
      const fields = page.locator(".history-entry li strong");
      await expect(fields.first()).toHaveText(t["registry.field.family_name"]);
      await expect(page.locator(".history-entry")).toContainText(`${community.name} (${community.code})`);
      expect(created).not.toBe(existing.id);
      const history = await adminApi.get(`/api/v1/persons/${created}/history`);
      const entry = history.items.find((e: { action: string }) => e.action === "person.create");
      expect(entry.detail.duplicate_reason).toBe("Twin sisters, confirmed at the office");
      expect(entry.detail.possible_duplicates).toEqual([existing.id]);
      expect((await adminApi.get(`/api/v1/persons/${created}`)).phone).toBe("0712 345 678");
    });

    test("a worker of one community registers in it without choosing it; required fields are marked", async ({
      page,
      adminApi,
    }) => {
      const t = catalogue(language);
      const community = await someCommunity(adminApi);
      const username = unique("sw");
      const { password } = await createUserViaApi(adminApi, {
        username,
        display_name: "Asistent",
        home_territory_code: community.code,
        roles: [{ role: "social_worker", territory_code: community.code }],
      });
      await page.goto("/");
      await signInAndSettle(page, username, password, "Another-Passw0rd-42");
      await page.getByRole("banner").getByLabel("Language").selectOption(language);
      await page.goto("/registry/persons/new");
      await expect(page.getByRole("heading", { name: t["registry.newPersonTitle"], level: 1 })).toBeVisible();
      await expect(page.getByRole("combobox", { name: t["registry.field.community"], exact: true })).toHaveValue(
        community.code,
      );
      await expect(page.locator('.field:has(input[name="family_name"]) .required-mark')).toBeVisible();
      await expect(page.getByText(t["form.requiredNote"])).toBeVisible();
    });

    test("a failed save moves focus to the field at fault and sums it up by the button", async ({ page, adminApi }) => {
      const t = catalogue(language);
      const community = await someCommunity(adminApi);
      await openNewPersonForm(page, language, t);
      await page.locator('input[name="family_name"]').fill(letters());
      await page.locator('input[name="given_name"]').fill(letters());
      await chooseCommunity(page, t, community.code);
      await page.getByRole("button", { name: t["registry.addIdentifier"] }).click();
      await page.getByRole("combobox", { name: t["registry.identifierScheme"].replace("{n}", "1") }).selectOption("RO-CNP");
      const identifier = page.getByLabel(t["registry.identifierValue"].replace("{n}", "1"), { exact: true });
      await identifier.fill("1810403011234");
      // Checked when the field is left, before any save.
      await identifier.press("Tab");
      await expect(identifier).toHaveAttribute("aria-invalid", "true");
      await expect(identifier).toHaveAccessibleDescription(
        t["registry.identifierCheck.bad_check_digit"].replace("{scheme}", "RO-CNP"),
      );
      await page.getByRole("button", { name: t["registry.register"], exact: true }).click();

      await expect(identifier).toHaveAttribute("aria-invalid", "true");
      await expect(identifier).toBeFocused();
      await expect(identifier).toBeInViewport();
      const summary = page.locator(".error-summary");
      await expect(summary).toContainText(t["form.notSaved"]);
      // The summary sits next to the button, after the last field.
      const summaryBox = (await summary.boundingBox())!;
      const buttonBox = (await page.getByRole("button", { name: t["registry.register"], exact: true }).boundingBox())!;
      expect(buttonBox.y - (summaryBox.y + summaryBox.height)).toBeLessThan(40);
      await page.getByLabel(t["registry.field.notes"]).focus();
      await summary.getByRole("button", { name: t["form.goToField"] }).click();
      await expect(identifier).toBeFocused();
      expect(await seriousViolations(page)).toEqual([]);
    });
  });
}
