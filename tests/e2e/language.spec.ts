import { ADMIN_PASSWORD, ADMIN_USERNAME, expect, test } from "./fixtures";
import { signIn } from "./helpers";

// The header's choice is stored for the administrator; later tests sign in expecting English.
test.afterEach(async ({ adminApi }) => {
  await adminApi.send("PATCH", "/api/v1/session", { language: "en" });
});

test("switching the language translates the interface and is remembered", async ({ page }) => {
  await page.goto("/");
  await signIn(page, ADMIN_USERNAME, ADMIN_PASSWORD);
  const nav = page.getByRole("navigation", { name: "Main navigation" });
  await expect(nav.getByText("Administration")).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");

  await page.getByRole("banner").getByLabel("Language").selectOption("uk");
  const navUk = page.getByRole("navigation", { name: "Головна навігація" });
  await expect(navUk.getByText("Адміністрування")).toBeVisible();
  await expect(navUk.getByRole("link", { name: "Користувачі" })).toBeVisible();
  await expect(navUk.getByRole("link", { name: "Журнал аудиту" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Вийти" })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "uk");

  // Ukrainian level names on the territories page, and the choice survives a reload.
  await navUk.getByRole("link", { name: "Території" }).click();
  await expect(page.getByRole("heading", { name: "Території", level: 1 })).toBeVisible();
  await page.reload();
  await expect(page.getByRole("navigation", { name: "Головна навігація" }).getByText("Адміністрування")).toBeVisible();

  await page.getByRole("banner").getByLabel("Мова").selectOption("ro");
  await expect(page.getByRole("navigation", { name: "Navigare principală" }).getByText("Administrare")).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "ro");
});
