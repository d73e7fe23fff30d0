// The language is the user's: picked in the header it is stored with the account, so a fresh
// browser opens in it; picked on the sign-in page it replaces the stored one. Laptop and phone.
import { expect, test } from "./fixtures";
import { createUserViaApi, signInAndSettle, someCommunity, unique } from "./helpers";

for (const viewport of [
  { name: "laptop", width: 1280, height: 800 },
  { name: "phone", width: 390, height: 844 },
]) {
  test(`the chosen language follows the user to a fresh browser (${viewport.name})`, async ({ page, browser, adminApi, baseURL }) => {
    const community = await someCommunity(adminApi);
    const username = unique("lang.");
    const { password } = await createUserViaApi(adminApi, {
      username,
      display_name: "Language User",
      home_territory_code: community.code,
      roles: [{ role: "social_worker", territory_code: community.code }],
    });
    const newPassword = "Lang-Passw0rd-42";
    await page.setViewportSize({ width: viewport.width, height: viewport.height });
    await page.goto("/");
    await signInAndSettle(page, username, password, newPassword);

    // Picked in the header (Cyrillic): stored for the user.
    await page.getByRole("banner").getByLabel("Language").selectOption("uk");
    await expect(page.locator("html")).toHaveAttribute("lang", "uk");
    await expect
      .poll(async () => (await adminApi.get(`/api/v1/users?q=${username}`)).items[0].language)
      .toBe("uk");

    // A fresh browser (no stored choice, an English browser) opens in Ukrainian after sign-in.
    const fresh = await browser.newContext({ baseURL, locale: "en-GB", viewport: { width: viewport.width, height: viewport.height } });
    const second = await fresh.newPage();
    await second.goto("/");
    await second.getByLabel("User name").fill(username);
    await second.getByLabel("Password", { exact: true }).fill(newPassword);
    await second.getByRole("button", { name: "Sign in" }).click();
    await expect(second.locator("html")).toHaveAttribute("lang", "uk");
    await expect(second.getByRole("button", { name: "Вийти" })).toBeVisible();
    await second.getByRole("button", { name: "Вийти" }).click();

    // Picked on the sign-in page (Latin): it wins over the stored one, and is stored. The
    // header's own picker has the same label, so wait until the sign-in page replaced it.
    await expect(second.getByRole("button", { name: "Увійти" })).toBeVisible();
    await second.getByLabel("Мова").selectOption("ro");
    await second.getByLabel("Nume de utilizator").fill(username);
    await second.getByLabel("Parolă", { exact: true }).fill(newPassword);
    await second.getByRole("button", { name: "Intră în cont" }).click();
    await expect(second.locator("html")).toHaveAttribute("lang", "ro");
    await expect(second.getByRole("button", { name: "Ieșire" })).toBeVisible();
    await expect
      .poll(async () => (await adminApi.get(`/api/v1/users?q=${username}`)).items[0].language)
      .toBe("ro");
    await fresh.close();
  });
}
