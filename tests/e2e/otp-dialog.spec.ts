// The one-time password is never shown again, so its dialog does not close on Escape (or
// Close) without asking, and going back shows the password still. Laptop in English (Latin),
// phone in Ukrainian (Cyrillic); axe stays clean.
import AxeBuilder from "@axe-core/playwright";
import { ADMIN_PASSWORD, ADMIN_USERNAME, expect, test } from "./fixtures";
import { createUserViaApi, signIn, someCommunity, unique } from "./helpers";

const CASES = [
  {
    name: "laptop, English",
    viewport: { width: 1280, height: 800 },
    language: "en",
    labels: { reset: "Reset password", title: "One-time password", back: "Back to the password", anyway: "Close anyway" },
  },
  {
    name: "phone, Ukrainian",
    viewport: { width: 390, height: 844 },
    language: "uk",
    labels: { reset: "Скинути пароль", title: "Одноразовий пароль", back: "Повернутися до пароля", anyway: "Усе одно закрити" },
  },
] as const;

test.afterEach(async ({ adminApi }) => {
  await adminApi.send("PATCH", "/api/v1/session", { language: "en" });
});

for (const c of CASES) {
  test(`Escape asks before the one-time password is lost (${c.name})`, async ({ page, adminApi }) => {
    const community = await someCommunity(adminApi);
    const { id } = await createUserViaApi(adminApi, {
      username: unique("otp."),
      display_name: "Otp Person",
      home_territory_code: community.code,
      roles: [{ role: "social_worker", territory_code: community.code }],
    });
    await page.setViewportSize(c.viewport);
    await page.goto("/");
    await signIn(page, ADMIN_USERNAME, ADMIN_PASSWORD);
    await page.getByRole("banner").locator("select").first().selectOption(c.language);
    await expect(page.locator("html")).toHaveAttribute("lang", c.language);
    await page.goto(`/admin/users/${id}`);
    await page.getByRole("button", { name: c.labels.reset }).click();
    await page.locator(".confirm").getByRole("button").first().click();

    const dialog = page.getByRole("dialog", { name: c.labels.title });
    await expect(dialog).toBeVisible();
    const password = (await dialog.getByTestId("one-time-password").textContent())?.trim() ?? "";
    expect(password.length).toBeGreaterThanOrEqual(8);

    await page.keyboard.press("Escape");
    await expect(dialog).toBeVisible();
    await expect(dialog.getByRole("alert")).toBeVisible();
    await expect(dialog.getByRole("button", { name: c.labels.back })).toBeFocused();
    const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
    expect(results.violations.filter((v) => v.impact === "serious" || v.impact === "critical")).toEqual([]);

    await dialog.getByRole("button", { name: c.labels.back }).click();
    await expect(dialog.getByTestId("one-time-password")).toHaveText(password);

    await page.keyboard.press("Escape");
    await dialog.getByRole("button", { name: c.labels.anyway }).click();
    await expect(dialog).toBeHidden();
  });
}
