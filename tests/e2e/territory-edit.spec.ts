import { ADMIN_PASSWORD, ADMIN_USERNAME, expect, test } from "./fixtures";
import { signIn, someCommunity, unique } from "./helpers";

// Tests here switch the administrator's stored language; later tests expect English.
test.afterEach(async ({ adminApi }) => {
  await adminApi.send("PATCH", "/api/v1/session", { language: "en" });
});

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

for (const c of [
  { name: "laptop, English", viewport: { width: 1280, height: 800 }, language: "en", edit: "Edit name", save: "Save", saved: "has been saved" },
  { name: "phone, Russian", viewport: { width: 390, height: 844 }, language: "ru", edit: "Изменить название", save: "Сохранить", saved: "сохранены" },
] as const) {
  test(`after saving a territory its message is in view and has the focus (${c.name})`, async ({ page, adminApi }) => {
    const community = await someCommunity(adminApi);
    const code = `${community.code.split(":")[0]}:${unique("FOC").toUpperCase()}`;
    await adminApi.send("POST", "/api/v1/territories", { code, name: "Valea Mică", level: "settlement", parent_code: community.code });
    await page.setViewportSize(c.viewport);
    await page.goto("/");
    await signIn(page, ADMIN_USERNAME, ADMIN_PASSWORD);
    await page.getByRole("banner").locator("select").first().selectOption(c.language);
    await expect(page.locator("html")).toHaveAttribute("lang", c.language);
    await page.goto(`/admin/territories?parent=${encodeURIComponent(code)}`);
    await page.getByRole("button", { name: c.edit }).click();
    await page.getByLabel(c.language === "en" ? "Name" : "Название", { exact: true }).fill("Valea Mare");
    await page.getByRole("button", { name: c.save, exact: true }).click();
    const notice = page.getByRole("status").filter({ hasText: c.saved });
    await expect(notice).toBeInViewport();
    await expect(page.locator(":focus")).toContainText(c.saved);
  });
}
