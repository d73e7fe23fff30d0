// Benefits with four eyes: an administrator defines a monthly programme whose decisions above
// 5,000.00 MDL need a second approval; a benefits officer records a household's application
// with its income, sees it eligible rule by rule and approves six months (9,000.00 MDL, above
// the threshold), which then waits; the decision is not in the officer's own "Awaiting my
// approval" queue, but in a second officer's, who gives the second approval; the budget of each
// month shows the amount committed. Every screen on the way has no serious axe finding.
import { fill, newPerson, seriousViolations, signInAs, staffMember } from "./casework";
import { ADMIN_PASSWORD, ADMIN_USERNAME, expect, test } from "./fixtures";
import { catalogue, letters, someCommunity } from "./helpers";

const t = catalogue("en");
const laptop = { width: 1280, height: 800 };
/** Intl writes "MDL 1,500.00" with a no-break space. */
const mdl = (amount: string) => new RegExp(`MDL\\s${amount.replace(/[.,]/g, (c) => `\\${c}`)}`);

test("a programme with a four-eyes threshold: recorded, approved by one officer, approved again by another, budget committed", async ({
  browser,
  adminApi,
  baseURL,
}) => {
  test.setTimeout(240_000);
  const community = await someCommunity(adminApi);
  const officerA = await staffMember(adminApi, community.code, "benefits_officer", `Ana ${letters()}`);
  const officerB = await staffMember(adminApi, community.code, "benefits_officer", `Ion ${letters()}`);
  const head = await newPerson(adminApi, community.code, "1985-04-02");
  await adminApi.send("POST", "/api/v1/households", {
    community_code: community.code,
    members: [{ person_id: head.id, relationship_to_head: "head" }],
  });
  const headName = `${head.family_name} ${head.given_name}`;
  const programmeName = `Ajutor social ${letters()}`;

  // The administrator defines the programme: 1,500.00 MDL a month, 100,000.00 MDL a month of
  // budget, a second approval above 5,000.00 MDL, income per member at most 3,000.00 MDL.
  const admin = await signInAs(browser, baseURL!, laptop, { username: ADMIN_USERNAME, password: ADMIN_PASSWORD }, "en");
  const adminNav = admin.getByRole("navigation", { name: t["nav.label"] });
  await adminNav.getByRole("link", { name: t["nav.programmes"] }).click();
  await expect(admin.getByRole("heading", { level: 1, name: t["benefits.programmesTitle"] })).toBeVisible();
  await admin.getByRole("link", { name: t["benefits.newProgramme"] }).click();
  await expect(admin.getByRole("heading", { level: 1, name: t["benefits.newProgramme"] })).toBeVisible();
  await admin.getByRole("searchbox", { name: t["benefits.searchTerritory"] }).fill(community.code);
  const territory = admin.getByRole("combobox", { name: t["benefits.field.territory"], exact: true });
  await expect(territory.locator(`option[value="${community.code}"]`)).toHaveCount(1);
  await territory.selectOption(community.code);
  await admin.getByLabel(t["benefits.field.name"], { exact: true }).fill(programmeName);
  await admin.getByLabel(t["benefits.field.kind"], { exact: true }).selectOption("monthly_aid");
  await admin.getByLabel(t["benefits.field.currency"], { exact: true }).selectOption("MDL");
  await admin.getByLabel(t["benefits.field.status"], { exact: true }).selectOption("open");
  await admin.getByLabel(t["benefits.field.amountRule"], { exact: true }).selectOption("fixed");
  // An amount that is no amount is said next to its field, before anything is sent.
  await admin.getByLabel(t["benefits.field.amount"], { exact: true }).fill("15,00,0");
  await admin.getByLabel(t["benefits.field.budget"], { exact: true }).fill("100000");
  await admin.getByLabel(t["benefits.field.fourEyes"], { exact: true }).fill("5000");
  await admin.getByRole("button", { name: t["benefits.createProgramme"] }).click();
  const amount = admin.getByLabel(t["benefits.field.amount"], { exact: true });
  await expect(amount).toHaveAttribute("aria-invalid", "true");
  await expect(amount).toBeFocused();
  await amount.fill("1500");
  await admin.getByLabel(t["benefits.ruleKindToAdd"], { exact: true }).selectOption("income_per_member");
  await admin.getByRole("button", { name: t["benefits.addRule"] }).click();
  await admin.getByLabel(t["benefits.param.maxIncome"], { exact: true }).fill("3000");
  await admin.getByRole("button", { name: t["benefits.addDocument"] }).click();
  await admin.getByLabel(fill(t["benefits.documentNumber"], { number: "1" }), { exact: true }).fill("Identity papers");
  expect(await seriousViolations(admin)).toEqual([]);
  await admin.getByRole("button", { name: t["benefits.createProgramme"] }).click();
  await expect(admin.getByRole("heading", { level: 1, name: programmeName })).toBeVisible();
  await expect(admin.getByText(fill(t["benefits.programmeCreated"], { name: programmeName }))).toBeVisible();
  await expect(admin.getByTestId("programme-status")).toHaveText(t["benefits.status.open"]);
  await expect(admin.getByTestId("programme-rules")).toContainText(/Income per member at most MDL\s3,000\.00/);
  expect(await seriousViolations(admin)).toEqual([]);
  await admin.context().close();

  // Officer A records the household's application from the programme's page.
  const a = await signInAs(browser, baseURL!, laptop, officerA, "en");
  await a.getByRole("navigation", { name: t["nav.label"] }).getByRole("link", { name: t["nav.programmes"] }).click();
  await a.getByTestId("programme-row").filter({ hasText: programmeName }).getByRole("link", { name: programmeName }).click();
  await expect(a.getByRole("heading", { level: 1, name: programmeName })).toBeVisible();
  await a.getByRole("link", { name: t["benefits.newApplication"] }).click();
  await expect(a.getByRole("heading", { level: 1, name: t["benefits.newApplication"] })).toBeVisible();
  await expect(a.getByLabel(t["benefits.field.programme"], { exact: true }).locator("option:checked")).toHaveText(/^Ajutor social/);
  await a.getByRole("searchbox", { name: t["benefits.findHousehold"] }).fill(head.family_name);
  await a.getByRole("button", { name: fill(t["benefits.pickHouseholdOf"], { name: headName }) }).click();
  await expect(a.getByTestId("application-household")).toContainText(head.family_name);
  await expect(a.getByLabel(t["benefits.field.applicant"], { exact: true })).toHaveValue(head.id);
  await a.getByRole("button", { name: t["benefits.addIncome"] }).click();
  await a.getByLabel(fill(t["benefits.incomeMember"], { number: "1" }), { exact: true }).selectOption(head.id);
  await a.getByLabel(fill(t["benefits.incomeKind"], { number: "1" }), { exact: true }).selectOption("salary");
  await a.getByLabel(fill(t["benefits.incomeAmount"], { number: "1" }), { exact: true }).fill("2000");
  await a.getByLabel("Identity papers", { exact: true }).check();
  expect(await seriousViolations(a)).toEqual([]);
  await a.getByRole("button", { name: t["benefits.recordApplication"] }).click();

  // The application opens with its eligibility, rule by rule, and the decision form.
  await expect(a.getByText(t["benefits.recordedEligible"])).toBeVisible();
  await expect(a.getByTestId("eligibility-verdict")).toHaveText(t["benefits.eligible"]);
  await expect(a.getByTestId("outcome")).toHaveText([/Income per member MDL\s2,000\.00 ≤ MDL\s3,000\.00: passes/]);
  await expect(a.getByLabel(t["benefits.outcome.approved"], { exact: true })).toBeChecked();
  await expect(a.getByLabel(t["benefits.field.amountPerMonth"], { exact: true })).toHaveValue("1500.00");
  expect(await seriousViolations(a)).toEqual([]);
  await a.getByRole("button", { name: t["benefits.approve"], exact: true }).click();

  // Six months of 1,500.00 MDL is above the threshold: the decision waits for another person.
  await expect(a.getByText(t["benefits.decidedAwaiting"])).toBeVisible();
  await expect(a.getByTestId("decision-state")).toHaveText(t["benefits.decisionState.awaiting_approval"]);
  await expect(a.getByTestId("decision-total")).toHaveText(mdl("9,000.00"));
  await expect(a.getByTestId("decided-by")).toContainText(officerA.name);
  await expect(a.getByTestId("second-approver")).toHaveText(t["benefits.awaitingSecond"]);
  await expect(a.getByText(t["benefits.ownDecision"])).toBeVisible();
  expect(await seriousViolations(a)).toEqual([]);

  // Officer A's own decision is not in A's queue of decisions awaiting approval.
  await a.getByRole("navigation", { name: t["nav.label"] }).getByRole("link", { name: t["nav.decisions"] }).click();
  await expect(a.getByRole("heading", { level: 1, name: t["benefits.decisionsTitle"] })).toBeVisible();
  await expect(a.getByTestId("decision-row").filter({ hasText: programmeName })).toHaveCount(1);
  await a.getByTestId("tab-awaiting-mine").click();
  await expect(a.getByText(t["benefits.nothingAwaiting"])).toBeVisible();
  await expect(a.getByTestId("decision-row").filter({ hasText: programmeName })).toHaveCount(0);
  await a.context().close();

  // Officer B finds it in the queue and gives the second approval.
  const b = await signInAs(browser, baseURL!, laptop, officerB, "en");
  await b.getByRole("navigation", { name: t["nav.label"] }).getByRole("link", { name: t["nav.decisions"] }).click();
  await b.getByTestId("tab-awaiting-mine").click();
  const row = b.getByTestId("decision-row").filter({ hasText: programmeName });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText(officerA.name);
  await expect(row).toContainText(mdl("9,000.00"));
  expect(await seriousViolations(b)).toEqual([]);
  await row.getByRole("link").first().click();
  await expect(b.getByTestId("decision-state")).toHaveText(t["benefits.decisionState.awaiting_approval"]);
  await b.getByRole("button", { name: t["benefits.move.approve"] }).click();
  await expect(b.getByText(t["benefits.secondApprovalNote"])).toBeVisible();
  expect(await seriousViolations(b)).toEqual([]);
  await b.getByRole("button", { name: t["benefits.confirm.approve"], exact: true }).click();
  await expect(b.getByText(fill(t["benefits.moved"], { state: t["benefits.decisionState.active"] }))).toBeVisible();
  await expect(b.getByTestId("decision-state")).toHaveText(t["benefits.decisionState.active"]);
  await expect(b.getByTestId("decided-by")).toContainText(officerA.name);
  await expect(b.getByTestId("second-approver")).toContainText(officerB.name);

  // The budget of the month shows the 1,500.00 MDL committed, and what is left.
  await b.getByRole("link", { name: programmeName }).click();
  await expect(b.getByRole("heading", { level: 1, name: programmeName })).toBeVisible();
  await b.getByRole("button", { name: t["benefits.showBudgets"] }).click();
  const budgets = b.getByTestId("budget-row");
  await expect(budgets).toHaveCount(6);
  await expect(budgets.first().getByTestId("budget-committed")).toHaveText(mdl("1,500.00"));
  await expect(budgets.first()).toContainText(mdl("98,500.00"));
  await expect(budgets.last().getByTestId("budget-committed")).toHaveText(mdl("1,500.00"));
  expect(await seriousViolations(b)).toEqual([]);
  await b.context().close();
});
