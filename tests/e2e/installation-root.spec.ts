import { ADMIN_PASSWORD, ADMIN_USERNAME, expect, test } from "./fixtures";
import { signIn } from "./helpers";

// The header's choice is stored for the administrator; later tests sign in expecting English.
test.afterEach(async ({ adminApi }) => {
  await adminApi.send("PATCH", "/api/v1/session", { language: "en" });
});

// The first administrator's grant is over the installation root (code ROOT, path /), which
// stands above the countries. Users see it named in words, never by that internal code.
test("the installation-wide scope of the first administrator reads in words, not as ROOT", async ({ page }) => {
  await page.goto("/");
  await signIn(page, ADMIN_USERNAME, ADMIN_PASSWORD);
  const main = page.getByRole("main");
  await expect(page.getByRole("heading", { name: /^Welcome, / })).toBeVisible();
  await expect(main.getByText(/^Administrator in /)).toBeVisible();
  await expect(main).not.toContainText("ROOT");
  await expect(main.getByText("Administrator in the whole installation")).toBeVisible();

  // The users list and the administrator's own record, with its role editor.
  const nav = page.getByRole("navigation", { name: "Main navigation" });
  await nav.getByRole("link", { name: "Users" }).click();
  const row = page.getByRole("row").filter({ has: page.getByRole("link", { name: ADMIN_USERNAME, exact: true }) });
  await expect(row).toContainText("Administrator in the whole installation");
  await expect(row).not.toContainText("ROOT");
  await row.getByRole("link", { name: ADMIN_USERNAME, exact: true }).click();
  await expect(page.getByRole("heading", { name: "Edit user" })).toBeVisible();
  const roleTerritory = page.getByRole("group", { name: "Territory of role 1" }).getByLabel("Territory", { exact: true });
  await expect(roleTerritory.locator("option:checked")).toHaveText("the whole installation");
  await expect(main.getByRole("definition").filter({ hasText: "the whole installation" })).toHaveCount(1);
  // Option values are codes the API needs; only what is shown must not name the root.
  await expect(main).not.toContainText("ROOT");

  // The phrase is translated with the rest of the interface.
  await page.getByRole("banner").getByLabel("Language").selectOption("ro");
  await page.getByRole("navigation", { name: "Navigare principală" }).getByRole("link", { name: "Spațiu de lucru" }).click();
  await expect(main.getByText("Administrator în întregul sistem")).toBeVisible();
});
