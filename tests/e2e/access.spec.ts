import { expect, test } from "./fixtures";
import { createUserViaApi, signInAndSettle, someCommunity, unique } from "./helpers";

test("a social worker does not see the Administration menu", async ({ page, adminApi }) => {
  const community = await someCommunity(adminApi);
  const username = unique("worker.");
  const { password } = await createUserViaApi(adminApi, {
    username,
    display_name: "Maria Worker",
    home_territory_code: community.code,
    roles: [{ role: "social_worker", territory_code: community.code }],
  });

  await page.goto("/");
  await signInAndSettle(page, username, password, "a-long-enough-password");
  const nav = page.getByRole("navigation", { name: "Main navigation" });
  await expect(nav.getByRole("link", { name: "Workspace" })).toBeVisible();
  await expect(nav.getByText("Administration")).toHaveCount(0);
  await expect(nav.getByRole("link", { name: "Users" })).toHaveCount(0);
  await expect(nav.getByRole("link", { name: "Audit log" })).toHaveCount(0);
  await expect(page.getByText(`Social worker in ${community.name}`)).toBeVisible();
});
