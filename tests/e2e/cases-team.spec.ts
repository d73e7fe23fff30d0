// Casework between colleagues and communities: the head of service's team view with a worker's
// load and an overdue action, a case transferred to another community and accepted by its head,
// a case's details changed (and a change made meanwhile by someone else), and planned home
// visits recorded as done or missed — a visit in the future cannot be done yet.
import type { Page } from "@playwright/test";
import { ageCase, fill, isoDay, newPerson, seriousViolations, staffApi, staffMember, type StaffMember } from "./casework";
import { expect, test, type AdminApi, type Server } from "./fixtures";
import { catalogue, letters, signIn, someCommunity, type TerritoryJson } from "./helpers";

const t = catalogue("en");

async function signInAs(page: Page, who: StaffMember) {
  await page.goto("/");
  await signIn(page, who.username, who.password);
  await expect(page.getByRole("heading", { name: /^Welcome, / })).toBeVisible();
}

/** A worker's open case on a new person of `community`, opened through the API. */
async function caseOf(api: AdminApi, server: Server, worker: StaffMember, community: string, fields: Record<string, unknown> = {}) {
  const person = await newPerson(api, community);
  const asWorker = await staffApi(server, worker);
  const opened = await asWorker.send("POST", "/api/v1/cases", {
    person_id: person.id,
    category: "family_in_crisis",
    risk_level: "high",
    opening_reason: "The family was evicted last week.",
    ...fields,
  });
  return { record: opened, person, api: asWorker };
}

test("a head of service sees each worker's load and the overdue actions of the team", async ({ page, adminApi, server }) => {
  const community = await someCommunity(adminApi);
  const worker = await staffMember(adminApi, community.code, "social_worker", `Ana ${letters()}`);
  const head = await staffMember(adminApi, community.code, "head_of_service", `Elena ${letters()}`);
  const { record, person, api } = await caseOf(adminApi, server, worker, community.code);
  const goal = await api.send("POST", `/api/v1/cases/${record.id}/plan/goals`, { text: "A roof over the family" });
  await api.send("POST", `/api/v1/cases/${record.id}/plan/actions`, {
    goal_id: goal.id,
    text: "Ask the town hall for a social flat",
    agency: "social_protection",
    responsible_user_id: worker.id,
    deadline: isoDay(3),
  });
  await api.send("POST", "/api/v1/contacts", { kind: "home_visit", person_id: person.id, case_id: record.id, status: "planned", date: isoDay(0) });
  await api.dispose();
  ageCase(server, record.id);

  await signInAs(page, head);
  await page.getByRole("link", { name: t["today.teamLink"] }).click();
  await expect(page.getByRole("heading", { level: 1, name: t["team.title"] })).toBeVisible();
  // The head supervises one community: it is chosen already.
  await expect(page.getByRole("combobox", { name: t["team.territory"], exact: true })).toHaveValue(community.code);

  const row = page.getByTestId("team-workers").getByRole("row").filter({ has: page.getByRole("rowheader", { name: worker.name }) });
  const cells = row.getByRole("cell");
  // open cases, high risk, overdue actions, due actions, visits this week, closure requests
  await expect(cells).toHaveText(["1", "1", "1", "0", "1", "0"]);
  await expect(cells.nth(2)).toHaveCSS("color", "rgb(164, 22, 26)");

  const late = page.getByTestId("team-overdue-action").filter({ hasText: "Ask the town hall for a social flat" });
  await expect(late).toContainText(t["today.overdue"]);
  await expect(late).toContainText(t["cases.agency.social_protection"]);
  await expect(late).toContainText(worker.name);
  await expect(late.locator(".urgency-overdue").first()).toHaveCSS("color", "rgb(164, 22, 26)");
  expect(await seriousViolations(page)).toEqual([]);
  await late.getByRole("link", { name: record.number }).click();
  await expect(page.getByRole("heading", { level: 1, name: fill(t["cases.caseTitle"], { number: record.number }) })).toBeVisible();

  // The navigation offers the team view to heads only.
  await expect(page.getByRole("navigation", { name: t["nav.label"] }).getByRole("link", { name: t["nav.team"] })).toBeVisible();
});

test("a case transferred to another community is accepted there by the head of service", async ({ browser, page, adminApi, server, baseURL }) => {
  const community = await someCommunity(adminApi);
  const region = community.parent_code!;
  const neighbours = await adminApi.get(`/api/v1/territories?level=community&parent=${encodeURIComponent(region)}&limit=20`);
  const other = (neighbours.items as TerritoryJson[]).find((c) => c.code !== community.code)!;
  expect(other, "a second community in the region").toBeTruthy();
  // A worker of the county's service, who sees the county's communities.
  const worker = await staffMember(adminApi, region, "social_worker", `Ana ${letters()}`);
  const receivingHead = await staffMember(adminApi, other.code, "head_of_service", `Elena ${letters()}`);
  const { record, api } = await caseOf(adminApi, server, worker, community.code);
  await api.dispose();

  await signInAs(page, worker);
  await page.goto(`/cases/${record.id}`);
  await page.getByRole("button", { name: t["cases.requestTransfer"] }).click();
  const form = page.locator("form").filter({ has: page.getByRole("heading", { name: t["cases.requestTransfer"] }) });
  const target = form.getByRole("combobox", { name: t["registry.field.community"], exact: true });
  const search = form.getByRole("searchbox", { name: t["registry.searchCommunity"] });

  // Nothing chosen: said next to the field, which gets the focus.
  await form.getByRole("button", { name: t["cases.sendTransfer"] }).click();
  await expect(target).toBeFocused();
  await expect(form.locator(".field-error").filter({ hasText: t["cases.problem.transfer_community_required"] })).toBeVisible();

  // Its own community: the server's refusal is shown on the field too.
  await search.fill(community.code);
  await expect(target.locator(`option[value="${community.code}"]`)).toHaveCount(1);
  await target.selectOption(community.code);
  await form.getByRole("button", { name: t["cases.sendTransfer"] }).click();
  await expect(target).toHaveAttribute("aria-invalid", "true");
  await expect(target).toBeFocused();
  await expect(form.getByRole("alert").filter({ hasText: t["form.notSaved"] })).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);

  await search.fill(other.code);
  await expect(target.locator(`option[value="${other.code}"]`)).toHaveCount(1);
  await target.selectOption(other.code);
  await form.getByLabel(t["cases.transferReason"], { exact: true }).fill("The family moved in with relatives there.");
  await form.getByRole("button", { name: t["cases.sendTransfer"] }).click();
  await expect(page.getByRole("status").filter({ hasText: t["cases.transferRequested"] })).toBeVisible();
  await expect(page.getByTestId("transfer-request")).toContainText(other.name);
  await expect(page.getByRole("button", { name: t["cases.requestTransfer"] })).toHaveCount(0);

  // The receiving head finds it on "Today", and takes it over.
  const context = await browser.newContext({ baseURL, locale: "en-GB", timezoneId: "Europe/Bucharest" });
  const boss = await context.newPage();
  await signInAs(boss, receivingHead);
  const transfers = boss.locator("section").filter({ has: boss.getByRole("heading", { name: t["today.transfers"] }) });
  await transfers.getByRole("link", { name: record.number }).click();
  const request = boss.getByTestId("transfer-request");
  await expect(request).toContainText("The family moved in with relatives there.");
  await expect(request.getByLabel(t["cases.transferWorker"], { exact: true })).toHaveValue("");
  expect(await seriousViolations(boss)).toEqual([]);
  await request.getByRole("button", { name: t["cases.acceptTransfer"] }).click();
  await expect(boss.getByRole("status").filter({ hasText: t["cases.transferAccepted"] })).toBeVisible();
  await expect(boss.getByTestId("transfer-request")).toHaveCount(0);
  const summary = boss.locator(".case-header dl.record");
  await expect(summary).toContainText(other.name);
  await expect(summary).toContainText(receivingHead.name);
  await context.close();

  const moved = await adminApi.get(`/api/v1/cases/${record.id}`);
  expect(moved).toMatchObject({ community_code: other.code, number: record.number, assigned_worker: { id: receivingHead.id } });
});

test("a worker changes the case's details, and a change made meanwhile is not overwritten", async ({ page, adminApi, server }) => {
  const community = await someCommunity(adminApi);
  const worker = await staffMember(adminApi, community.code, "social_worker", `Ana ${letters()}`);
  const { record, api } = await caseOf(adminApi, server, worker, community.code, { risk_level: "medium", category: "poverty" });

  await signInAs(page, worker);
  await page.goto(`/cases/${record.id}`);
  const header = page.locator(".case-header");
  await expect(header).toContainText(`${t["cases.field.risk_level"]}: ${t["cases.risk.medium"]}`);
  await page.getByRole("button", { name: t["cases.edit"] }).click();
  const form = page.locator("form").filter({ has: page.getByRole("heading", { name: t["cases.edit"] }) });
  await form.getByLabel(t["cases.field.category"], { exact: true }).selectOption("domestic_violence");
  await form.getByLabel(t["cases.field.risk_level"], { exact: true }).selectOption("critical");
  const reason = form.getByLabel(t["cases.field.opening_reason"], { exact: true });
  await reason.fill("");
  await form.getByRole("button", { name: t["common.save"] }).click();
  await expect(reason).toBeFocused();
  await expect(form.locator(".field-error").filter({ hasText: t["cases.problem.opening_reason_required"] })).toBeVisible();
  await reason.fill("The father threatens the mother; she left with the children.");
  await form.getByLabel(t["cases.confidentialCheck"], { exact: true }).check();
  expect(await seriousViolations(page)).toEqual([]);
  await form.getByRole("button", { name: t["common.save"] }).click();

  await expect(page.getByRole("status").filter({ hasText: t["cases.caseSaved"] })).toBeVisible();
  await expect(header).toContainText(`${t["cases.field.risk_level"]}: ${t["cases.risk.critical"]}`);
  await expect(header.locator(".badge").filter({ hasText: new RegExp(`^${t["cases.confidential"]}$`) })).toBeVisible();
  await expect(header).toContainText(t["cases.category.domestic_violence"]);
  await expect(header).toContainText("she left with the children");

  // Someone changes the case while the form is open: saving says so, and reloading shows it.
  await page.getByRole("button", { name: t["cases.edit"] }).click();
  const current = await api.get(`/api/v1/cases/${record.id}`);
  await api.send("PATCH", `/api/v1/cases/${record.id}`, { opening_reason: "Changed by a colleague." }, { "If-Match": `"${current.version}"` });
  await api.dispose();
  await form.getByLabel(t["cases.field.risk_level"], { exact: true }).selectOption("high");
  await form.getByRole("button", { name: t["common.save"] }).click();
  await expect(form.getByRole("alert").filter({ hasText: t["cases.staleVersion"] })).toBeVisible();
  await form.getByRole("button", { name: t["common.reload"] }).click();
  await expect(header).toContainText("Changed by a colleague.");
  await expect(header).toContainText(`${t["cases.field.risk_level"]}: ${t["cases.risk.critical"]}`);
});

test("planned home visits are recorded as done or missed, but not done in the future", async ({ page, adminApi, server }) => {
  const community = await someCommunity(adminApi);
  const worker = await staffMember(adminApi, community.code, "social_worker", `Ana ${letters()}`);
  const { record, person, api } = await caseOf(adminApi, server, worker, community.code);
  await api.send("POST", "/api/v1/contacts", {
    kind: "home_visit",
    person_id: person.id,
    case_id: record.id,
    status: "planned",
    date: isoDay(2),
    reason: "housing",
  });
  const other = await newPerson(adminApi, community.code);
  await api.send("POST", "/api/v1/contacts", { kind: "home_visit", person_id: other.id, status: "planned", date: isoDay(0) });
  await api.dispose();

  // Today's visit, from "Today": nobody was at home.
  await signInAs(page, worker);
  const todays = page.getByTestId("today-visit").filter({ hasText: other.family_name });
  await todays.getByRole("button", { name: new RegExp(`^${t["cases.recordVisit"]}`) }).click();
  const visitForm = page.locator("form").filter({ has: page.getByRole("heading", { name: new RegExp(`^${t["cases.recordVisit"]}`) }) });
  const status = visitForm.getByLabel(t["cases.contact.status"], { exact: true });
  await expect(status).toHaveValue("done");
  await status.selectOption("missed");
  await visitForm.getByLabel(t["cases.contact.next_steps"], { exact: true }).fill("Call to agree on a new date.");
  await visitForm.getByRole("button", { name: t["common.save"] }).click();
  await expect(page.getByRole("status").filter({ hasText: t["cases.contactSaved"] })).toBeVisible();
  await expect(page.getByTestId("today-visit").filter({ hasText: other.family_name })).toHaveCount(0);

  // The case's visit in two days: it cannot be done yet; on the day, it is recorded.
  await page.goto(`/cases/${record.id}`);
  await page.getByRole("tab", { name: t["cases.tab.contacts"] }).click();
  const visit = page.getByTestId("contact").filter({ hasText: t["cases.contactKind.home_visit"] });
  await expect(visit).toContainText(t["cases.contactStatus.planned"]);
  await visit.getByRole("button", { name: new RegExp(`^${t["cases.recordVisit"]}`) }).click();
  await expect(visit.getByLabel(t["cases.contact.status"], { exact: true })).toHaveValue("done");
  const date = visit.getByLabel(t["cases.contact.date"], { exact: true });
  await expect(date).toHaveValue(isoDay(2));
  await visit.getByRole("button", { name: t["common.save"] }).click();
  await expect(date).toBeFocused();
  await expect(date).toHaveAttribute("aria-invalid", "true");
  await expect(visit.locator(".field-error").filter({ hasText: t["cases.problem.future_done"] })).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);

  await date.fill(isoDay(0));
  await visit.getByLabel(t["cases.contact.present"], { exact: true }).fill("The mother and her two sons");
  await visit.getByLabel(t["cases.contact.observations"], { exact: true }).fill("They sleep in one room at the relatives'.");
  await visit.getByLabel(t["cases.contact.next_steps"], { exact: true }).fill("Ask the town hall about a social flat.");
  await visit.getByRole("button", { name: t["common.save"] }).click();
  await expect(page.getByRole("status").filter({ hasText: t["cases.contactSaved"] })).toBeVisible();
  const recorded = page.getByTestId("contact").filter({ hasText: "They sleep in one room" });
  await expect(recorded).toContainText("The mother and her two sons");
  await expect(recorded).toContainText("Ask the town hall about a social flat.");
  await expect(recorded.locator(".badge")).toHaveCount(0);
  await expect(recorded.getByRole("button", { name: new RegExp(`^${t["cases.editContact"]}`) })).toBeVisible();
});
