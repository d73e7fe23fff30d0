// Assessments and cases meet: a household screening that found poverty opens a case (its
// origin and findings on the case's timeline), and an assessment started from the case is filed
// on it and shows on its timeline with a way back to it.
import { fill, seriousViolations, signInAs, staffApi, staffMember } from "./casework";
import { expect, test } from "./fixtures";
import { catalogue, letters, someCommunity } from "./helpers";

test("a screening opens a case, and the case files its own assessment", async ({ browser, adminApi, server, baseURL }) => {
  test.setTimeout(120_000);
  const language = "ro";
  const t = catalogue(language);
  const community = await someCommunity(adminApi);
  const worker = await staffMember(adminApi, community.code, "social_worker", `Ana ${letters()}`);
  const household = await adminApi.send("POST", "/api/v1/households", { community_code: community.code });
  const form = await adminApi.get("/api/v1/questionnaires/household_screening");
  const screeningTitle = form.definition.title[language] as string;

  // The worker finished a screening during a visit: poverty found.
  const api = await staffApi(server, worker);
  const screening = await api.send("POST", "/api/v1/assessments", {
    questionnaire_code: "household_screening",
    household_id: household.id,
    status: "final",
    answers: {
      members_count: 3,
      children_count: 0,
      elderly_alone: false,
      income_sources: ["none"],
      income_below_threshold: true,
      housing: "adequate",
      disability: false,
      chronic_illness: false,
      violence_signs: false,
      missing_documents: false,
    },
  });
  expect(screening.flags).toContain("poverty");

  const page = await signInAs(browser, baseURL!, { width: 1280, height: 800 }, worker, language);
  await page.goto(`/assessments/${screening.id}`);
  await page.getByRole("link", { name: t["assessments.openCase"] }).click();
  await expect(page.getByRole("heading", { name: t["cases.newTitle"], level: 1 })).toBeVisible();
  await expect(page.getByText(t["cases.fromAssessment"])).toBeVisible();
  await page.getByLabel(t["cases.field.category"], { exact: true }).selectOption("poverty");
  await page.getByLabel(t["cases.field.risk_level"], { exact: true }).selectOption("medium");
  await page.getByLabel(t["cases.field.opening_reason"], { exact: true }).fill("The screening found the family below the poverty line.");
  await page.getByRole("button", { name: t["cases.create"] }).click();
  await expect(page.getByRole("heading", { level: 1, name: new RegExp(fill(t["cases.caseTitle"], { number: ".+" })) })).toBeVisible();
  const caseId = page.url().split("/cases/")[1];

  // The opening names the screening, its findings, and leads back to it.
  const opening = page.getByTestId("timeline-item").filter({ hasText: t["cases.timelineKind.opened"] });
  await expect(opening).toContainText(fill(t["cases.openedFromAssessment"], { form: screeningTitle }));
  const poverty = form.definition.flags.find((f: { code: string }) => f.code === "poverty").label[language] as string;
  await expect(opening).toContainText(fill(t["cases.assessmentFlags"], { flags: poverty }));
  await expect(opening.getByRole("link", { name: t["cases.openAssessment"] })).toHaveAttribute("href", `/assessments/${screening.id}`);
  const opened = await api.get(`/api/v1/cases/${caseId}`);
  expect(opened.origin).toEqual({ kind: "screening", id: screening.id });

  // A new assessment started from the case is filed on it.
  await page.getByRole("link", { name: t["cases.newAssessment"] }).click();
  await expect(page.getByRole("link", { name: t["assessments.backToCase"] })).toBeVisible();
  await page.getByLabel(t["assessments.chooseForm"], { exact: true }).selectOption("household_screening");
  await expect(page.getByRole("heading", { name: screeningTitle, level: 1 })).toBeVisible();
  await page.getByRole("button", { name: t["assessments.saveDraft"] }).click();
  await expect(page.getByText(t["assessments.draftSaved"])).toBeVisible();
  const draftId = page.url().split("/").pop()!;
  expect((await adminApi.get(`/api/v1/assessments/${draftId}`)).case_id).toBe(caseId);
  expect(await seriousViolations(page)).toEqual([]);

  await page.getByRole("link", { name: t["assessments.toCase"], exact: true }).click();
  await page.getByLabel(t["cases.timelineFilter"], { exact: true }).selectOption("assessment");
  const filed = page.getByTestId("timeline-item");
  await expect(filed).toHaveCount(1);
  await expect(filed).toContainText(t["cases.assessmentFiled"]);
  await expect(filed).toContainText(screeningTitle);
  await expect(filed.getByRole("link", { name: t["cases.openAssessment"] })).toHaveAttribute("href", `/assessments/${draftId}`);
  expect(await seriousViolations(page)).toEqual([]);
  await page.context().close();
  await api.dispose();
});
