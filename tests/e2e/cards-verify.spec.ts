// The large-family card checked on the public page, without an account. A benefits officer
// issues a card from an active decision; a phone that opens a link with the token in its
// fragment sees "Valid" at once (the fragment is sent as a form, never as a URL the server
// logs); a shop pastes an altered code and sees "not valid" in Lithuanian; a revoked card reads
// "Revoked". The page names no one and has no serious accessibility finding.
import { newPerson, seriousViolations, staffApi, staffMember } from "./casework";
import { expect, test, type AdminApi, type Server } from "./fixtures";
import { letters, someCommunity } from "./helpers";

const phone = { width: 390, height: 844 };

/** A card issued to a new household of the community, and the officer who issued it. */
async function issuedCard(adminApi: AdminApi, server: Server) {
  const community = (await someCommunity(adminApi)).code as string;
  const programme = await adminApi.send("POST", "/api/v1/programmes", {
    territory_code: community,
    name: `Card familie ${letters()}`,
    kind: "large_family_card",
    currency: "RON",
    amount: { rule: "fixed", amount_minor: 1 },
    budget_minor: 100_000_000,
    status: "open",
  });
  const head = await newPerson(adminApi, community);
  const household = await adminApi.send("POST", "/api/v1/households", {
    community_code: community,
    members: [{ person_id: head.id, relationship_to_head: "head" }],
  });
  const officer = await staffApi(server, await staffMember(adminApi, community, "benefits_officer", `Ana ${letters()}`));
  const application = await officer.send("POST", "/api/v1/applications", {
    programme_id: programme.id,
    household_id: household.id,
    applicant_id: head.id,
    period_from: "2026-12",
    incomes: [],
  });
  const decision = await officer.send("POST", `/api/v1/applications/${application.id}/decision`, { outcome: "approved" }, { "If-Match": '"1"' });
  const card = await officer.send("POST", "/api/v1/cards", { decision_id: decision.id });
  return { card, head, officer };
}

test("a phone opens a card's link and a shop checks a pasted code, in their languages", async ({ page, adminApi, server }) => {
  const { card, head, officer } = await issuedCard(adminApi, server);
  await page.setViewportSize(phone);

  await page.goto(`/cards/verify#${card.token}`);
  const answer = page.getByRole("status");
  await expect(answer.getByRole("heading", { name: "Valid" })).toBeVisible();
  await expect(answer).toContainText(`The card is valid until ${card.valid_until}.`);
  expect(new URL(page.url()).hash).toBe("");
  await expect(page.locator("body")).not.toContainText(head.family_name);
  await expect(page.locator("body")).not.toContainText(card.number);
  expect(await seriousViolations(page)).toEqual([]);

  await page.goto("/cards/verify?lang=lt");
  await page.getByLabel("Kortelės kodas").fill(`${card.token.slice(0, -3)}xyz`);
  await page.getByRole("button", { name: "Tikrinti" }).click();
  await expect(page.getByRole("status").getByRole("heading", { name: "Negalioja" })).toBeVisible();

  await officer.send("POST", `/api/v1/cards/${card.id}/revoke`, { reason: "Reported lost" }, { "If-Match": '"1"' });
  await page.goto(`/cards/verify?lang=en#${card.token}`);
  await expect(page.getByRole("status").getByRole("heading", { name: "Revoked" })).toBeVisible();
  await officer.dispose();
});
