import { ADMIN_PASSWORD, ADMIN_USERNAME, expect, test } from "./fixtures";
import { signIn, someCommunity, unique } from "./helpers";

test("renaming a territory someone else changed meanwhile is refused with a clear message", async ({
  page,
  adminApi,
}) => {
  const community = await someCommunity(adminApi);
  const code = `${community.code.split(":")[0]}:${unique("REN").toUpperCase()}`;
  const created = await adminApi.send("POST", "/api/v1/territories", {
    code,
    name: "Valea Verde",
    level: "settlement",
    parent_code: community.code,
  });

  await page.goto("/");
  await signIn(page, ADMIN_USERNAME, ADMIN_PASSWORD);
  await page.getByRole("navigation", { name: "Main navigation" }).getByRole("link", { name: "Territories" }).click();
  await page.getByLabel("Search territories").fill(code);
  await page.getByRole("button", { name: "Search" }).click();
  await page.getByRole("link", { name: "Valea Verde" }).click();
  await page.getByRole("button", { name: "Edit name" }).click();
  const form = page.locator("form", { has: page.getByRole("heading", { name: "Edit Valea Verde" }) });

  // Another administrator renames it first.
  await adminApi.send("PATCH", `/api/v1/territories/${code}`, { name: "Valea Verde de Sus" }, {
    "If-Match": `"${created.version}"`,
  });

  await form.getByLabel("Name", { exact: true }).fill("Valea Verde de Jos");
  await form.getByRole("button", { name: "Save" }).click();
  await expect(form.getByRole("alert")).toContainText("Someone else changed this territory");

  await form.getByRole("button", { name: "Reload" }).click();
  await expect(page.getByRole("navigation", { name: "Position in the territory tree" })).toContainText(
    "Valea Verde de Sus",
  );
  await page.getByRole("button", { name: "Edit name" }).click();
  const again = page.locator("form", { has: page.getByRole("heading", { name: "Edit Valea Verde de Sus" }) });
  await again.getByLabel("Name", { exact: true }).fill("Valea Verde de Jos");
  await again.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Valea Verde de Jos has been saved." })).toBeVisible();
  const stored = await adminApi.get(`/api/v1/territories/${code}`);
  expect(stored.name).toBe("Valea Verde de Jos");
});
