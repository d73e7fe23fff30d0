import { ADMIN_PASSWORD, ADMIN_USERNAME, expect, test } from "./fixtures";
import { signIn, someCommunity, unique } from "./helpers";

test("an administrator creates a territory and a user, who then signs in with the one-time password", { tag: "@smoke" }, async ({
  page,
  adminApi,
}) => {
  const community = await someCommunity(adminApi);
  const prefix = `${community.code.split(":")[0]}:`;
  const settlementCode = `${prefix}${unique("E2E").toUpperCase()}`;
  const settlementName = `Satul Nou ${settlementCode.slice(-4)}`;
  const username = unique("ana.");
  const displayName = "Ana Popescu";
  const ownPassword = "o-parolă-lungă-2026";

  await page.goto("/");
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
  await signIn(page, ADMIN_USERNAME, ADMIN_PASSWORD);
  await expect(page.getByRole("heading", { name: /^Welcome, / })).toBeVisible();

  // Territories: find the community, open it, create a settlement under it.
  const nav = page.getByRole("navigation", { name: "Main navigation" });
  await nav.getByRole("link", { name: "Territories" }).click();
  await expect(page.getByRole("heading", { name: "Territories", level: 1 })).toBeVisible();
  await page.getByLabel("Search territories").fill(community.code);
  await page.getByRole("button", { name: "Search" }).click();
  await page.getByRole("link", { name: community.name, exact: true }).first().click();
  await expect(page.getByRole("heading", { name: `Territories in ${community.name}` })).toBeVisible();
  const breadcrumbs = page.getByRole("navigation", { name: "Position in the territory tree" });
  await expect(breadcrumbs.getByText(community.name)).toBeVisible();

  const form = page.locator("form", { has: page.getByRole("heading", { name: `New territory in ${community.name}` }) });
  await form.getByLabel("Code").fill(settlementCode);
  await form.getByLabel("Level").selectOption("settlement");
  await form.getByLabel("Name", { exact: true }).fill(settlementName);
  await form.getByRole("button", { name: "Create territory" }).click();
  await expect(page.getByRole("status").filter({ hasText: `${settlementName} (${settlementCode}) has been created.` })).toBeVisible();
  const row = page.getByRole("row", { name: new RegExp(settlementCode) });
  await expect(row).toContainText("Settlement");

  // Users: create a social worker in the new settlement.
  await nav.getByRole("link", { name: "Users" }).click();
  await page.getByRole("link", { name: "New user" }).click();
  await expect(page.getByRole("heading", { name: "New user", level: 1 })).toBeVisible();
  await page.getByLabel("User name").fill(username);
  await page.getByLabel("Full name").fill(displayName);
  const home = page.getByRole("group", { name: "Home territory" });
  await home.getByLabel("Search territory").fill(settlementCode);
  await expect(home.getByLabel("Territory", { exact: true }).locator("option", { hasText: settlementCode })).toHaveCount(1);
  await home.getByLabel("Territory", { exact: true }).selectOption(settlementCode);
  await page.getByLabel("Role 1", { exact: true }).selectOption("social_worker");
  const roleTerritory = page.getByRole("group", { name: "Territory of role 1" });
  await roleTerritory.getByLabel("Search territory").fill(settlementCode);
  await expect(
    roleTerritory.getByLabel("Territory", { exact: true }).locator("option", { hasText: settlementCode }),
  ).toHaveCount(1);
  await roleTerritory.getByLabel("Territory", { exact: true }).selectOption(settlementCode);
  await page.getByRole("button", { name: "Create user" }).click();

  const dialog = page.getByRole("dialog", { name: "One-time password" });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText(username);
  const oneTimePassword = (await dialog.getByTestId("one-time-password").textContent())?.trim() ?? "";
  expect(oneTimePassword.length).toBeGreaterThanOrEqual(8);
  await dialog.getByRole("button", { name: "Close" }).click();
  await dialog.getByRole("button", { name: "Close anyway" }).click();
  await expect(page.getByRole("heading", { name: displayName, level: 1 })).toBeVisible();
  await expect(page.getByText("Must change password")).toBeVisible();

  // The new user signs in, must replace the one-time password, and lands in the workspace.
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
  await signIn(page, username, oneTimePassword);
  await expect(page.getByRole("heading", { name: "Change password" })).toBeVisible();
  await expect(page.getByText("You signed in with a one-time password.")).toBeVisible();

  // A too-short password is refused by the server, next to the field.
  await page.getByLabel("Current password").fill(oneTimePassword);
  await page.getByLabel("New password", { exact: true }).fill("short");
  await page.getByLabel("Repeat the new password").fill("short");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByLabel("New password", { exact: true })).toHaveAttribute("aria-invalid", "true");

  await page.getByLabel("New password", { exact: true }).fill(ownPassword);
  await page.getByLabel("Repeat the new password").fill(ownPassword);
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByRole("heading", { name: `Welcome, ${displayName}` })).toBeVisible();
  await expect(page.getByText(`Social worker in ${settlementName}`)).toBeVisible();
  await expect(page.getByTestId("current-user")).toHaveText(displayName);
  await expect(page.getByRole("link", { name: "Users" })).toHaveCount(0);
});
