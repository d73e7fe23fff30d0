import { expect, test } from "./fixtures";
import { createUserViaApi, signIn, someCommunity, unique } from "./helpers";

test("a wrong password shows the server's message in the chosen language, then the lockout", async ({ page, adminApi }) => {
  const community = await someCommunity(adminApi);
  const username = unique("locked.");
  await createUserViaApi(adminApi, {
    username,
    display_name: "Lock Test",
    home_territory_code: community.code,
    roles: [{ role: "social_worker", territory_code: community.code }],
  });

  await page.goto("/login");
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
  // Arriving without a session is not a "session ended" situation.
  await expect(page.getByText("Your session has ended")).toHaveCount(0);
  await signIn(page, username, "not-the-password");
  const alert = page.getByRole("alert");
  await expect(alert).toBeVisible();
  const english = (await alert.textContent())?.trim() ?? "";
  expect(english.length).toBeGreaterThan(0);
  await expect(page.getByLabel("Password", { exact: true })).toHaveValue("");

  // The same failure with the interface in Ukrainian: the server's sentence is Ukrainian too.
  await page.getByLabel("Language").selectOption("uk");
  await expect(page.getByRole("heading", { name: "Вхід" })).toBeVisible();
  await page.getByLabel("Ім'я користувача").fill(username);
  await page.getByLabel("Пароль", { exact: true }).fill("still-not-it");
  await page.getByRole("button", { name: "Увійти" }).click();
  await expect(alert).not.toHaveText(english);
  await expect(alert).toHaveText(/[А-Яа-яІіЇїЄєҐґ]/);

  // Three more failures make five in a row; the account is locked and the form says for how long.
  const lockHint = page.getByText(/Спробуйте знову через \d+ хвилин/);
  for (let attempt = 0; attempt < 4; attempt++) {
    await page.getByLabel("Пароль", { exact: true }).fill(`wrong-${attempt}`);
    const answered = page.waitForResponse((r) => r.url().endsWith("/api/v1/session") && r.request().method() === "POST");
    await page.getByRole("button", { name: "Увійти" }).click();
    const response = await answered;
    await expect(page.getByLabel("Пароль", { exact: true })).toHaveValue("");
    if (response.status() === 429) break;
  }
  await expect(lockHint).toBeVisible();
});
