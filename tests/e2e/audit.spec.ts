import { ADMIN_PASSWORD, ADMIN_USERNAME, expect, test } from "./fixtures";
import { createUserViaApi, signIn, someCommunity, unique } from "./helpers";

test("the audit log lists the creation of a user and the chain verifies", { tag: "@smoke" }, async ({ page, adminApi }) => {
  const community = await someCommunity(adminApi);
  const username = unique("audited.");
  const { id } = await createUserViaApi(adminApi, {
    username,
    display_name: "Audited Person",
    home_territory_code: community.code,
    roles: [{ role: "social_worker", territory_code: community.code }],
  });

  await page.goto("/");
  await signIn(page, ADMIN_USERNAME, ADMIN_PASSWORD);
  await page.getByRole("navigation", { name: "Main navigation" }).getByRole("link", { name: "Audit log" }).click();
  await expect(page.getByRole("heading", { name: "Audit log", level: 1 })).toBeVisible();
  // Newest first: the latest entry is this session's login, which came after the user.create,
  // whose row names the new user and its community.
  const rows = page.getByRole("table").getByRole("row");
  const cells = (row: typeof rows) => row.getByRole("cell");
  const seq = async (row: typeof rows) => Number((await cells(row).nth(0).innerText()).replace(/\D/g, ""));
  // The actor by display name and user name; the record and its territory by name.
  await expect(cells(rows.nth(1)).nth(2)).toHaveText(`Administrator (${ADMIN_USERNAME})`);
  await expect(cells(rows.nth(1)).nth(3)).toHaveText("session.login");
  const created = rows.filter({ has: page.getByRole("link", { name: "Audited Person" }) });
  await expect(created).toHaveCount(1);
  await expect(created.getByRole("link", { name: "Audited Person" })).toHaveAttribute("href", `/admin/users/${id}`);
  await expect(cells(created).nth(3)).toHaveText("user.create");
  await expect(cells(created).nth(5)).toHaveText(community.name);
  expect(await seq(rows.nth(1))).toBeGreaterThan(await seq(created));

  await page.getByLabel("Action").selectOption("user.create");
  await page.getByLabel("User", { exact: true }).fill(ADMIN_USERNAME);
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(cells(rows.nth(1)).nth(3)).toHaveText("user.create");
  await expect(rows.filter({ hasText: "session.login" })).toHaveCount(0);

  // The newest user.create is ours (the record, by name, is the new user); its detail opens as JSON.
  await expect(rows.nth(1)).toContainText("Audited Person");
  await expect(rows.nth(1).getByRole("link", { name: /Audited Person/ })).toHaveAttribute("href", `/admin/users/${id}`);
  await rows.nth(1).getByText("Show").click();
  await expect(rows.nth(1).locator("pre")).toContainText(`"username": "${username}"`);
  await expect(rows.nth(1).locator("pre")).toContainText(`"home_territory_code": "${community.code}"`);

  // A date range of today (in the browser's zone) keeps it; a range starting tomorrow does not.
  const day = (offset: number) =>
    new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Bucharest" }).format(new Date(Date.now() + offset * 86_400_000));
  await page.getByLabel("From").fill(day(0));
  await page.getByLabel("To").fill(day(0));
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page.getByText(/entr(y|ies) shown, newest first/)).toBeVisible();
  await expect(rows.nth(1)).toContainText("Audited Person");
  await page.getByLabel("From").fill(day(1));
  await page.getByLabel("To").fill(day(1));
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page.getByText("No entries.")).toBeVisible();

  await page.getByRole("button", { name: "Verify chain" }).click();
  await expect(page.getByTestId("verify-result")).toHaveText(/^The chain is intact: [\d,]+ entries checked\.$/);
  const { entries } = await adminApi.get("/api/v1/audit/verify");
  await expect(page.getByTestId("verify-result")).toHaveText(`The chain is intact: ${entries.toLocaleString("en-GB")} entries checked.`);
});
