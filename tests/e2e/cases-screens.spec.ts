// The screens around the case file: a community's case settings (number prefix and team
// visibility), the printed case file (its content, and the read written to the audit log), and
// the list of cases with its filters. The data is set up through the API once for the file.
import type { Page } from "@playwright/test";
import { fill, isoDay, newPerson, staffApi, staffMember, type StaffMember } from "./casework";
import { expect, test, type AdminApi } from "./fixtures";
import { catalogue, letters, signIn, someCommunity, type TerritoryJson } from "./helpers";

const t = catalogue("en");

let community: TerritoryJson;
let worker: StaffMember;
let colleague: StaffMember;
let mine: { id: string; number: string };
let closed: { id: string; number: string };
let theirs: { id: string; number: string };

test.beforeAll(async ({ workerAdminApi: api, server }) => {
  community = await someCommunity(api);
  worker = await staffMember(api, community.code, "social_worker", `Ana ${letters()}`);
  colleague = await staffMember(api, community.code, "social_worker", `Ion ${letters()}`);
  const asWorker = await staffApi(server, worker);
  const asColleague = await staffApi(server, colleague);
  const open = (as: typeof asWorker, person: { id: string }, opening_reason: string) =>
    as.send("POST", "/api/v1/cases", { person_id: person.id, category: "poverty", risk_level: "high", opening_reason });

  mine = await open(asWorker, await newPerson(api, community.code), "No income since the factory closed.");
  const goal = await asWorker.send("POST", `/api/v1/cases/${mine.id}/plan/goals`, { text: "A warm home this winter" });
  await asWorker.send("POST", `/api/v1/cases/${mine.id}/plan/actions`, {
    goal_id: goal.id,
    text: "Apply for the heating aid",
    agency: "social_protection",
    responsible_user_id: worker.id,
    deadline: isoDay(5),
  });
  await asWorker.send("POST", `/api/v1/cases/${mine.id}/notes`, { text: "The landlord agreed to wait a month." });

  const toClose = await open(asWorker, await newPerson(api, community.code), "Asked about documents only.");
  closed = await asWorker.send("POST", `/api/v1/cases/${toClose.id}/transitions`, { to: "closed" }, { "If-Match": `"${toClose.version}"` });
  theirs = await open(asColleague, await newPerson(api, community.code), "Rent arrears.");
  await asWorker.dispose();
  await asColleague.dispose();
});

async function signInAs(page: Page, who: StaffMember) {
  await page.goto("/");
  await signIn(page, who.username, who.password);
  await expect(page.getByRole("heading", { name: /^Welcome, / })).toBeVisible();
}

async function chooseCommunity(page: Page, code: string) {
  await page.getByRole("searchbox", { name: t["registry.searchCommunity"] }).fill(code);
  const select = page.getByRole("combobox", { name: t["registry.field.community"], exact: true });
  await expect(select.locator(`option[value="${code}"]`)).toHaveCount(1);
  await select.selectOption(code);
}

/** A community other than the one the other casework tests use, so that its settings are ours. */
async function quietCommunity(api: AdminApi): Promise<TerritoryJson> {
  const page = await api.get(`/api/v1/territories?level=community&parent=${encodeURIComponent(community.parent_code ?? "")}&limit=20`);
  const found = (page.items as TerritoryJson[]).filter((c) => c.code !== community.code).pop();
  expect(found, "a second community in the same region").toBeTruthy();
  return found!;
}

test("a head of service sets the case-number prefix and team visibility of the community", async ({ page, adminApi, server }) => {
  const place = await quietCommunity(adminApi);
  const head = await staffMember(adminApi, place.code, "head_of_service", `Elena ${letters()}`);
  const before = await adminApi.get(`/api/v1/case-settings/${place.code}`);
  try {
    await signInAs(page, head);
    await page.getByRole("navigation", { name: t["nav.label"] }).getByRole("link", { name: t["nav.caseSettings"] }).click();
    await expect(page.getByRole("heading", { level: 1, name: t["caseSettings.title"] })).toBeVisible();
    await expect(page.getByText(t["caseSettings.choose"])).toBeVisible();
    await chooseCommunity(page, place.code);

    const prefix = page.getByLabel(t["caseSettings.prefix"], { exact: true });
    await expect(prefix).toHaveValue(before.number_prefix);
    await prefix.fill("ab-1");
    await page.getByRole("button", { name: t["common.save"] }).click();
    await expect(prefix).toBeFocused();
    await expect(prefix).toHaveAttribute("aria-invalid", "true");
    await expect(page.locator(".field-error").filter({ hasText: t["caseSettings.prefixInvalid"] })).toBeVisible();

    const wanted = `T${letters(4).toUpperCase()}`;
    await prefix.fill(wanted.toLowerCase());
    await page.getByLabel(t["caseSettings.teamVisibility"], { exact: true }).check();
    await page.getByRole("button", { name: t["common.save"] }).click();
    await expect(page.getByRole("status").filter({ hasText: t["caseSettings.saved"] })).toBeVisible();
    await expect(prefix).toHaveValue(wanted);

    const saved = await adminApi.get(`/api/v1/case-settings/${place.code}`);
    expect(saved).toMatchObject({ number_prefix: wanted, team_visibility: true });
    // The next case opened in the community is numbered with the new prefix.
    const asHead = await staffApi(server, head);
    const person = await newPerson(adminApi, place.code);
    const opened = await asHead.send("POST", "/api/v1/cases", {
      person_id: person.id,
      category: "other",
      risk_level: "low",
      opening_reason: "Numbering check.",
    });
    expect(opened.number).toMatch(new RegExp(`^${wanted}-\\d{4}-\\d{6}$`));
    await asHead.dispose();
  } finally {
    const now = await adminApi.get(`/api/v1/case-settings/${place.code}`);
    await adminApi.send(
      "PATCH",
      `/api/v1/case-settings/${place.code}`,
      { number_prefix: before.number_prefix, team_visibility: before.team_visibility },
      { "If-Match": `"${now.version}"` },
    );
  }
});

test("the print view shows the whole case file, and the read is in the audit log", async ({ page, adminApi }) => {
  const readsByWorker = async () => {
    const audit = await adminApi.get(`/api/v1/audit?entity_type=case&entity_id=${mine.id}&action=case.read&limit=100`);
    return (audit.items as { actor_id: string }[]).filter((entry) => entry.actor_id === worker.id).length;
  };
  await signInAs(page, worker);
  await page.goto(`/cases/${mine.id}`);
  const printLink = page.getByRole("link", { name: t["cases.print"] });
  await expect(printLink).toHaveAttribute("href", `/cases/${mine.id}/print`);
  const before = await readsByWorker();

  await printLink.click();
  await expect(page.getByRole("heading", { level: 1, name: fill(t["cases.caseTitle"], { number: mine.number }) })).toBeVisible();
  await expect(page.getByText("No income since the factory closed.")).toBeVisible();
  await expect(page.getByRole("heading", { name: t["cases.tab.plan"] })).toBeVisible();
  await expect(page.getByTestId("plan-action").filter({ hasText: "Apply for the heating aid" })).toBeVisible();
  await expect(page.getByTestId("timeline-item").filter({ hasText: "The landlord agreed to wait a month." })).toBeVisible();
  await expect(page.locator(".case-print > .muted").first()).toContainText(worker.name);
  // Nothing to change on paper.
  await expect(page.getByRole("button", { name: t["cases.addGoal"] })).toHaveCount(0);
  await expect(page.getByRole("button", { name: new RegExp(`^${t["cases.editAction"]}`) })).toHaveCount(0);

  // Reading the case file to print it is a read like any other: the audit log has it.
  expect(await readsByWorker()).toBeGreaterThan(before);
});

test("the case list filters by worker and state, and leads to the case", async ({ page }) => {
  await signInAs(page, worker);
  await page.getByRole("navigation", { name: t["nav.label"] }).getByRole("link", { name: t["nav.cases"], exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: t["cases.listTitle"] })).toBeVisible();
  const list = page.getByRole("list", { name: t["cases.listCaption"] });
  const scope = page.getByLabel(t["cases.scopeLabel"], { exact: true });
  const state = page.getByLabel(t["cases.field.state"], { exact: true });

  // My open cases: the open one, not the closed one, not the colleague's.
  await expect(scope).toHaveValue("mine");
  await expect(list.getByRole("link", { name: mine.number })).toBeVisible();
  await expect(list.getByRole("link", { name: closed.number })).toHaveCount(0);
  await expect(list.getByRole("link", { name: theirs.number })).toHaveCount(0);

  // Closed: only the closed one.
  await state.selectOption("closed");
  await expect(page).toHaveURL(/state=closed/);
  await expect(list.getByRole("link", { name: closed.number })).toBeVisible();
  await expect(list.getByRole("link", { name: mine.number })).toHaveCount(0);

  // Everyone's open cases: the colleague's too, as a summary only.
  await state.selectOption("open");
  await scope.selectOption("all");
  await expect(page).toHaveURL(/scope=all/);
  const colleagues = list.locator(".case-line").filter({ has: page.getByRole("link", { name: theirs.number }) });
  await expect(colleagues).toContainText(colleague.name);
  await expect(colleagues).toContainText(t["cases.restrictedShort"]);
  await expect(list.getByRole("link", { name: closed.number })).toHaveCount(0);

  // Found by part of its number, and opened.
  await page.getByRole("searchbox", { name: t["cases.searchNumber"] }).fill(mine.number.slice(-6));
  await page.getByRole("button", { name: t["common.search"] }).click();
  await expect(list.locator(".case-line")).toHaveCount(1);
  await list.getByRole("link", { name: mine.number }).click();
  await expect(page.getByRole("heading", { level: 1, name: fill(t["cases.caseTitle"], { number: mine.number }) })).toBeVisible();
});
