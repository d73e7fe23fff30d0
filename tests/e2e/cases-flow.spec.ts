// One family through the casework, in a Cyrillic language on a laptop and a Latin one on a
// phone: an audience with the mother, a home visit to the household, a child's case opened
// from the visit, moved through assessment to planning, a plan whose action is overdue (shown
// on "Today" in red and in words), a referral answered, a confidential note, the closure asked
// for by the worker and approved by the head of service. A second social worker of the same
// community sees only the case's summary. Every screen on the way has no serious axe finding
// and nothing scrolls sideways.
import type { Page } from "@playwright/test";
import { ageCase, fill, isoDay, seriousViolations, signInAs, staffMember } from "./casework";
import { expect, test } from "./fixtures";
import { catalogue, letters, someCommunity } from "./helpers";

async function pageWidth(page: Page): Promise<number> {
  return page.evaluate(() => Math.max(document.documentElement.scrollWidth, document.body.scrollWidth));
}

const runs = [
  { language: "uk", device: "laptop", viewport: { width: 1280, height: 800 } },
  { language: "ro", device: "phone", viewport: { width: 390, height: 844 } },
] as const;

for (const { language, device, viewport } of runs) {
  test(`a family from an audience to an approved closure (${language}, ${device})`, async ({ browser, adminApi, server, baseURL }) => {
    test.setTimeout(240_000);
    const t = catalogue(language);
    const community = await someCommunity(adminApi);
    const worker = await staffMember(adminApi, community.code, "social_worker", `Ana ${letters()}`);
    const colleague = await staffMember(adminApi, community.code, "social_worker", `Ion ${letters()}`);
    const head = await staffMember(adminApi, community.code, "head_of_service", `Elena ${letters()}`);
    const family = `Rusu${letters(5).toLowerCase()}`;
    const mother = await adminApi.send("POST", "/api/v1/persons", {
      // Other tests on this server register namesakes born the same day.
      duplicate_reason: "A namesake registered by another test",
      given_name: "Maria",
      family_name: family,
      birth_date: "1988-04-12",
      sex: "female",
      community_code: community.code,
    });
    const child = await adminApi.send("POST", "/api/v1/persons", {
      // Other tests on this server register namesakes born the same day.
      duplicate_reason: "A namesake registered by another test",
      given_name: "Andrei",
      family_name: family,
      birth_date: "2017-09-01",
      sex: "male",
      community_code: community.code,
    });
    const household = await adminApi.send("POST", "/api/v1/households", {
      community_code: community.code,
      members: [
        { person_id: mother.id, relationship_to_head: "head" },
        { person_id: child.id, relationship_to_head: "child" },
      ],
    });

    // The worker's day starts empty, and says what to do.
    const page = await signInAs(browser, baseURL!, viewport, worker, language);
    await expect(page.getByText(t["today.caseloadEmpty"])).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);

    // An audience with the mother: the form says what is missing, next to the field.
    await page.goto(`/registry/persons/${mother.id}`);
    await page.getByRole("button", { name: t["cases.recordContact"] }).click();
    const contactForm = page.locator("form").filter({ has: page.getByRole("heading", { name: t["cases.recordContact"] }) });
    await contactForm.getByLabel(t["cases.contact.kind"], { exact: true }).selectOption("audience");
    await expect(contactForm.getByLabel(t["cases.contact.date"], { exact: true })).toHaveValue(isoDay(0));
    await contactForm.getByRole("button", { name: t["cases.recordContact"] }).click();
    await expect(contactForm.getByText(t["cases.problem.contact_reason_required"]).first()).toBeVisible();
    await expect(contactForm.getByLabel(t["cases.contact.reason"], { exact: true })).toBeFocused();
    expect(await seriousViolations(page)).toEqual([]);
    await contactForm.getByLabel(t["cases.contact.reason"], { exact: true }).selectOption("social_aid");
    await contactForm.getByLabel(t["cases.contact.action_taken"], { exact: true }).fill("Explained the heating aid; the school reports absences.");
    await contactForm.getByLabel(t["cases.contact.outcome"], { exact: true }).selectOption("advice_given");
    await contactForm.getByRole("button", { name: t["cases.recordContact"] }).click();
    await expect(page.getByText(t["cases.contactRecorded"])).toBeVisible();
    await expect(page.getByTestId("contact").filter({ hasText: t["cases.contactKind.audience"] })).toBeVisible();
    expect(await pageWidth(page)).toBeLessThanOrEqual(viewport.width);

    // A home visit to the household, then a case opened from it.
    await page.goto(`/registry/households/${household.id}`);
    await page.getByRole("button", { name: t["cases.recordContact"] }).click();
    await contactForm.getByLabel(t["cases.contact.kind"], { exact: true }).selectOption("home_visit");
    await expect(contactForm.getByLabel(t["cases.contact.status"], { exact: true })).toHaveValue("done");
    await contactForm.getByLabel(t["cases.contact.reason"], { exact: true }).selectOption("child_welfare");
    await contactForm.getByLabel(t["cases.contact.present"], { exact: true }).fill("Mother and son");
    await contactForm.getByLabel(t["cases.contact.observations"], { exact: true }).fill("Cold flat; the boy has no winter shoes.");
    await contactForm.getByLabel(t["cases.contact.next_steps"], { exact: true }).fill("Talk to the school.");
    await contactForm.getByRole("button", { name: t["cases.recordContact"] }).click();
    const visit = page.getByTestId("contact").filter({ hasText: t["cases.contactKind.home_visit"] });
    await expect(visit).toBeVisible();
    expect(await pageWidth(page)).toBeLessThanOrEqual(viewport.width);
    await visit.getByRole("link", { name: t["cases.openCaseFromContact"] }).click();

    await expect(page.getByRole("heading", { name: t["cases.newTitle"], level: 1 })).toBeVisible();
    await page.getByRole("button", { name: t["cases.create"] }).click();
    await expect(page.getByLabel(t["cases.field.category"], { exact: true })).toBeFocused();
    await page.getByLabel(t["cases.field.category"], { exact: true }).selectOption("child_at_risk");
    await page.getByLabel(t["cases.field.risk_level"], { exact: true }).selectOption("high");
    await page.getByLabel(t["cases.field.opening_reason"], { exact: true }).fill("The boy misses school; the family has no heating.");
    await expect(page.getByLabel(t["cases.field.worker"], { exact: true })).toHaveValue("");
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole("button", { name: t["cases.create"] }).click();

    const title = page.getByRole("heading", { level: 1, name: new RegExp(fill(t["cases.caseTitle"], { number: "[A-Z0-9]+-\\d{4}-\\d{6}" })) });
    await expect(title).toBeVisible();
    const caseUrl = page.url();
    const caseId = caseUrl.split("/cases/")[1];
    const number = /[A-Z0-9]+-\d{4}-\d{6}/.exec((await title.textContent()) ?? "")![0];
    await expect(page.getByText(t["cases.childCase"])).toBeVisible();

    // Intake → assessment → planning; assessment cannot be skipped, so planning is not offered yet.
    const stateButtons = page.getByRole("group", { name: t["cases.stateActions"] });
    await expect(stateButtons.getByRole("button", { name: fill(t["cases.moveTo"], { state: t["cases.state.planning"] }) })).toHaveCount(0);
    await stateButtons.getByRole("button", { name: fill(t["cases.moveTo"], { state: t["cases.state.assessment"] }) }).click();
    await expect(page.getByText(fill(t["cases.stateChanged"], { state: t["cases.state.assessment"] }))).toBeVisible();
    await stateButtons.getByRole("button", { name: fill(t["cases.moveTo"], { state: t["cases.state.planning"] }) }).click();
    await expect(page.getByText(fill(t["cases.stateChanged"], { state: t["cases.state.planning"] }))).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);

    // The plan: a goal and an action with the school.
    await page.getByRole("tab", { name: t["cases.tab.plan"] }).click();
    await expect(page.getByText(t["cases.planEmpty"])).toBeVisible();
    await page.getByLabel(t["cases.goalText"], { exact: true }).fill("Andrei goes to school every day");
    await page.getByRole("button", { name: t["cases.addGoal"] }).click();
    await expect(page.getByRole("heading", { name: fill(t["cases.goalNamed"], { text: "Andrei goes to school every day" }) })).toBeVisible();
    const actionForm = page.locator("form").filter({ has: page.getByRole("heading", { name: t["cases.addAction"] }) });
    await actionForm.getByLabel(t["cases.actionText"], { exact: true }).fill("Meet the class teacher about the absences");
    await actionForm.getByLabel(t["cases.agency"], { exact: true }).selectOption("education");
    await actionForm.getByLabel(t["cases.deadline"], { exact: true }).fill(isoDay(2));
    await actionForm.getByLabel(t["cases.responsible"], { exact: true }).selectOption("other");
    await actionForm.getByLabel(t["cases.responsibleName"], { exact: true }).fill("Maria Ionescu");
    await actionForm.getByRole("button", { name: t["cases.addAction"] }).click();
    await expect(page.getByTestId("plan-action").filter({ hasText: "Meet the class teacher" })).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
    expect(await pageWidth(page)).toBeLessThanOrEqual(viewport.width);

    // A referral to a day centre, answered: on the waiting list.
    await page.getByRole("tab", { name: t["cases.tab.referrals"] }).click();
    // A centre outside the catalogue: named in words.
    await page.getByRole("radio", { name: t["cases.referralFreeText"] }).check();
    await page.getByLabel(t["cases.provider"], { exact: true }).fill("Centrul de zi Speranța");
    await page.getByLabel(t["cases.service"], { exact: true }).fill("After-school programme");
    await page.getByRole("button", { name: t["cases.addReferral"] }).click();
    const referral = page.getByTestId("referral").filter({ hasText: "Centrul de zi Speranța" });
    await expect(referral.getByText(t["cases.answer.pending"])).toBeVisible();
    await referral.getByRole("button", { name: fill(t["cases.recordAnswerFor"], { provider: "Centrul de zi Speranța" }) }).click();
    await referral.getByLabel(t["cases.answer"], { exact: true }).selectOption("waiting_list");
    await referral.getByRole("button", { name: t["cases.recordAnswer"] }).click();
    await expect(referral.getByText(t["cases.answer.waiting_list"])).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);

    // A confidential note, marked as such.
    await page.getByRole("tab", { name: t["cases.tab.notes"] }).click();
    await page.getByLabel(t["cases.noteText"], { exact: true }).fill("The father must not learn the new address.");
    await page.getByLabel(t["cases.noteConfidentialCheck"], { exact: true }).check();
    await page.getByRole("button", { name: t["cases.addNote"] }).click();
    await expect(page.getByTestId("note").filter({ hasText: "The father must not learn" })).toContainText(t["cases.noteConfidential"]);

    // The timeline has it all, newest first.
    await page.getByRole("tab", { name: t["cases.tab.timeline"] }).click();
    await expect(page.getByTestId("timeline-item").first()).toContainText(t["cases.noteConfidential"]);
    expect(await seriousViolations(page)).toEqual([]);

    // A week later the action is two days late: "Today" puts it first, in words and in red.
    ageCase(server, caseId);
    await page.goto("/");
    const late = page.getByTestId("today-action").filter({ hasText: "Meet the class teacher" });
    await expect(late).toContainText(t["today.overdue"]);
    await expect(late).toContainText(fill(t["today.inCase"], { number }));
    await expect(late.locator(".urgency-overdue").first()).toHaveCSS("color", "rgb(164, 22, 26)");
    await expect(page.getByRole("link", { name: number })).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
    expect(await pageWidth(page)).toBeLessThanOrEqual(viewport.width);

    // A second social worker of the community sees that the case exists, and nothing of it.
    const other = await signInAs(browser, baseURL!, viewport, colleague, language);
    await other.goto(`/cases/${caseId}`);
    await expect(other.getByRole("heading", { level: 1, name: fill(t["cases.caseTitle"], { number }) })).toBeVisible();
    await expect(other.getByText(t["cases.restricted"])).toBeVisible();
    await expect(other.getByRole("tab")).toHaveCount(0);
    await expect(other.getByText("The boy misses school")).toHaveCount(0);
    await expect(other.getByRole("group", { name: t["cases.stateActions"] })).toHaveCount(0);
    expect(await seriousViolations(other)).toEqual([]);
    await other.context().close();

    // The worker closes the child's case: the open action needs a reason; the closure waits.
    await page.goto(caseUrl);
    await page.getByRole("button", { name: t["cases.close"] }).click();
    await expect(page.getByText(t["cases.closeWillWait"])).toBeVisible();
    await page.getByRole("button", { name: t["cases.confirmClose"], exact: true }).click();
    await expect(page.getByText(t["cases.problem.close_reason_required"]).first()).toBeVisible();
    await expect(page.getByLabel(t["cases.closeReason"], { exact: true })).toBeFocused();
    await page.getByLabel(t["cases.closeReason"], { exact: true }).fill("The family moved to another county.");
    await page.getByRole("button", { name: t["cases.confirmClose"], exact: true }).click();
    await expect(page.getByText(t["cases.closureRequestSent"])).toBeVisible();
    await expect(page.getByTestId("closure-request")).toContainText(t["cases.closureWaiting"]);
    await expect(page.getByRole("button", { name: t["cases.approve"] })).toHaveCount(0);
    expect(await seriousViolations(page)).toEqual([]);

    // The head of service finds it on "Today" and approves it.
    const boss = await signInAs(browser, baseURL!, viewport, head, language);
    const approval = boss.getByTestId("today-approval").filter({ hasText: number });
    await expect(approval).toBeVisible();
    expect(await seriousViolations(boss)).toEqual([]);
    await approval.getByRole("link", { name: number }).click();
    await expect(boss.getByTestId("closure-request")).toContainText("The family moved to another county.");
    await boss.getByRole("button", { name: t["cases.approve"] }).click();
    await expect(boss.getByRole("status").filter({ hasText: t["cases.approved"] })).toBeVisible();
    await expect(boss.locator(".case-header .state-badge")).toHaveText(t["cases.state.closed"]);
    expect(await seriousViolations(boss)).toEqual([]);
    expect(await pageWidth(boss)).toBeLessThanOrEqual(viewport.width);
    await boss.context().close();
    await page.context().close();
  });
}
