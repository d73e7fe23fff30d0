// A large-family card from the household's page: a benefits officer opens the page of a
// household that an active decision of a card programme covers, issues its card, downloads the
// printable PDF named after the card's number, and revokes it with a reason; the household can
// then be issued a new card. No serious accessibility finding on the way.
import { fill, newPerson, seriousViolations, signInAs, staffApi, staffMember } from "./casework";
import { expect, installationToday, test } from "./fixtures";
import { catalogue, letters, someCommunity } from "./helpers";

const t = catalogue("en");
const laptop = { width: 1280, height: 800 };

test("a household's large-family card: issued, printed and revoked from its page @smoke", async ({ browser, adminApi, baseURL, server }) => {
  test.setTimeout(120_000);
  const community = (await someCommunity(adminApi)).code as string;
  const programmeName = `Šeimos kortelė ${letters()}`;
  const programme = await adminApi.send("POST", "/api/v1/programmes", {
    territory_code: community,
    name: programmeName,
    kind: "large_family_card",
    currency: "EUR",
    amount: { rule: "fixed", amount_minor: 1 },
    budget_minor: 100_000_000,
    status: "open",
  });
  const head = await newPerson(adminApi, community);
  const household = await adminApi.send("POST", "/api/v1/households", {
    community_code: community,
    members: [{ person_id: head.id, relationship_to_head: "head" }],
  });
  const who = await staffMember(adminApi, community, "benefits_officer", `Rūta ${letters()}`);
  const api = await staffApi(server, who);
  const application = await api.send("POST", "/api/v1/applications", {
    programme_id: programme.id,
    household_id: household.id,
    applicant_id: head.id,
    period_from: installationToday().slice(0, 7),
    incomes: [],
  });
  await api.send("POST", `/api/v1/applications/${application.id}/decision`, { outcome: "approved" }, { "If-Match": '"1"' });
  await api.dispose();

  const page = await signInAs(browser, baseURL!, laptop, who, "en");
  await page.goto(`/registry/households/${household.id}`);
  await expect(page.getByRole("heading", { level: 2, name: t["cards.title"] })).toBeVisible();
  await expect(page.getByText(fill(t["cards.entitled"], { programme: programmeName }))).toBeVisible();
  await page.getByTestId("issue-card").click();
  const item = page.getByTestId("card-item");
  await expect(item).toHaveCount(1);
  await expect(item.getByTestId("card-state")).toHaveText(t["cards.state.active"]);
  const number = (await item.locator("code").textContent()) ?? "";
  expect(number).toMatch(/-\d{4}-\d{6}$/);
  expect(await seriousViolations(page)).toEqual([]);

  const [download] = await Promise.all([page.waitForEvent("download"), item.getByTestId("card-pdf").click()]);
  expect(download.suggestedFilename()).toBe(`card-${number}.pdf`);
  const { readFileSync } = await import("node:fs");
  expect(readFileSync((await download.path())!).subarray(0, 5).toString()).toBe("%PDF-");

  await item.getByRole("button", { name: t["cards.revoke"] }).click();
  await page.getByLabel(t["cards.revokeReason"]).fill("The family moved abroad");
  await page.getByRole("button", { name: t["cards.confirmRevoke"] }).click();
  await expect(page.getByTestId("card-state")).toHaveText(t["cards.state.revoked"]);
  await expect(page.getByText("The family moved abroad")).toBeVisible();
  // Revoked, the household may be issued a new card.
  await expect(page.getByTestId("issue-card")).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  await page.context().close();
});
