// Each language is named in itself in the header's menu and in the user form, and dates do
// not depend on the browser having the locale's data (this Chromium has none for Macedonian,
// which used to print Romanian month names). Laptop and phone widths; axe stays clean.
import AxeBuilder from "@axe-core/playwright";
import { ADMIN_PASSWORD, ADMIN_USERNAME, expect, test } from "./fixtures";
import { signIn } from "./helpers";

const ENDONYMS = ["Română", "Українська", "Македонски", "Lietuvių", "Русский", "English"];
const ROMANIAN_MONTHS = /ian|feb|mar|apr|mai|iun|iul|aug|sept|oct|noi|dec/i;

for (const viewport of [
  { name: "laptop", width: 1280, height: 800 },
  { name: "phone", width: 390, height: 844 },
]) {
  test(`languages are named in themselves and Macedonian dates are numeric (${viewport.name})`, async ({ page }) => {
    await page.setViewportSize({ width: viewport.width, height: viewport.height });
    await page.goto("/");
    await signIn(page, ADMIN_USERNAME, ADMIN_PASSWORD);
    const menu = page.getByRole("banner").getByLabel("Language");
    await expect(menu.locator("option")).toHaveText(ENDONYMS);

    // The same names in Romanian (Latin) and in Macedonian (Cyrillic).
    await menu.selectOption("ro");
    await expect(page.getByRole("banner").getByLabel("Limba").locator("option")).toHaveText(ENDONYMS);
    await page.getByRole("banner").getByLabel("Limba").selectOption("mk");
    await expect(page.locator("html")).toHaveAttribute("lang", "mk");
    const mkMenu = page.getByRole("banner").locator("select").first();
    await expect(mkMenu.locator("option")).toHaveText(ENDONYMS);

    // A user's page: its dates are numeric, never Romanian month names.
    await page.goto("/admin/users");
    await page.getByRole("link", { name: ADMIN_USERNAME, exact: true }).click();
    const language = page.locator("form").getByRole("combobox").filter({ has: page.locator("option[value=mk]") });
    await expect(language.first().locator("option[value=mk]")).toHaveText("Македонски");
    const created = page.locator("dd").filter({ hasText: /^\d{2}\.\d{2}\.\d{4} \d{2}:\d{2}:\d{2}$/ });
    await expect(created.first()).toBeVisible();
    await expect(page.locator("dl")).not.toContainText(ROMANIAN_MONTHS);

    const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
    expect(results.violations.filter((v) => v.impact === "serious" || v.impact === "critical")).toEqual([]);
  });
}

test.afterEach(async ({ adminApi }) => {
  await adminApi.send("PATCH", "/api/v1/session", { language: "en" });
});
