// The user form does not ask for the role's territory again when it is the home territory:
// role rows follow the home territory unless given another. Laptop in English (Latin), phone
// in Ukrainian (Cyrillic); and the users list names the home territory rather than its code.
import AxeBuilder from "@axe-core/playwright";
import { ADMIN_PASSWORD, ADMIN_USERNAME, expect, test } from "./fixtures";
import { signIn, someCommunity } from "./helpers";

const CASES = [
  { name: "laptop, English", viewport: { width: 1280, height: 800 }, language: "en", home: "Home territory", search: "Search territory", picker: "Territory" },
  { name: "phone, Ukrainian", viewport: { width: 390, height: 844 }, language: "uk", home: "Основна територія", search: "Пошук території", picker: "Територія" },
] as const;

test.afterEach(async ({ adminApi }) => {
  await adminApi.send("PATCH", "/api/v1/session", { language: "en" });
});

for (const c of CASES) {
  test(`the role territory follows the home territory (${c.name})`, async ({ page, adminApi }) => {
    const community = await someCommunity(adminApi);
    await page.setViewportSize(c.viewport);
    await page.goto("/");
    await signIn(page, ADMIN_USERNAME, ADMIN_PASSWORD);
    await page.getByRole("banner").locator("select").first().selectOption(c.language);
    await expect(page.locator("html")).toHaveAttribute("lang", c.language);
    await page.goto("/admin/users/new");
    const home = page.getByRole("group", { name: c.home, exact: true });
    await home.getByLabel(c.search).fill(community.code);
    const homeSelect = home.getByRole("combobox", { name: c.picker, exact: true });
    await expect(homeSelect.locator(`option[value="${community.code}"]`)).toHaveCount(1);
    await homeSelect.selectOption(community.code);

    const roles = page.locator(".roles-editor");
    await expect(roles.getByRole("combobox", { name: c.picker, exact: true }).first()).toHaveValue(community.code);

    const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
    expect(results.violations.filter((v) => v.impact === "serious" || v.impact === "critical")).toEqual([]);

    // The users list names the administrator's home territory in words, never a code.
    await page.goto("/admin/users");
    const row = page.getByRole("row", { name: new RegExp(ADMIN_USERNAME) }).first();
    await expect(row.locator("td").nth(2)).not.toHaveText(/^[A-Z]{2}(:|$)|^ROOT$/);
  });
}
