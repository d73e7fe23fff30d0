// Screening a household in a Cyrillic and a Latin language: a conditional question appears when
// its condition holds, a missing required answer is shown next to the question it names, the
// draft is saved and later finished, and the flags the server computed are shown.
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { ADMIN_PASSWORD, ADMIN_USERNAME, expect, test } from "./fixtures";
import { catalogue, signIn, someCommunity } from "./helpers";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const messages = JSON.parse(readFileSync(path.join(repoRoot, "src", "assessments", "messages.json"), "utf8"));

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  return results.violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map((violation) => ({ id: violation.id, targets: violation.nodes.map((node) => node.target.join(" ")) }));
}

type Text = Record<string, string>;
interface Definition {
  title: Text;
  sections: { questions: { id: string; label: Text; options?: { code: string; label: Text }[] }[] }[];
  flags: { code: string; label: Text }[];
}

for (const language of ["uk", "ro"] as const) {
  test(`screening a household, ${language}`, async ({ page, adminApi }) => {
    const t = catalogue(language);
    const community = await someCommunity(adminApi);
    const household = await adminApi.send("POST", "/api/v1/households", { community_code: community.code });
    const form = (await adminApi.get("/api/v1/questionnaires/household_screening")).definition as Definition;
    const questions = new Map(form.sections.flatMap((s) => s.questions).map((q) => [q.id, q]));
    const label = (id: string) => questions.get(id)!.label[language];
    const option = (id: string, code: string) => questions.get(id)!.options!.find((o) => o.code === code)!.label[language];
    const group = (id: string) => page.getByRole("radiogroup", { name: label(id) });
    const answer = async (id: string, yes: boolean) =>
      group(id).getByLabel(yes ? t["assessments.yes"] : t["assessments.no"], { exact: true }).check();

    await page.goto("/");
    await signIn(page, ADMIN_USERNAME, ADMIN_PASSWORD);
    await expect(page.getByRole("heading", { name: /^Welcome, / })).toBeVisible();
    await page.getByRole("banner").getByLabel("Language").selectOption(language);
    await page.goto(`/registry/households/${household.id}`);
    await expect(page.getByRole("main").getByRole("heading", { name: t["assessments.listTitle"], level: 2 })).toBeVisible();
    await expect(page.getByText(t["assessments.none"])).toBeVisible();
    await page.getByRole("link", { name: t["assessments.screenHousehold"] }).click();
    await expect(page.getByRole("heading", { name: form.title[language], level: 1 })).toBeVisible();

    // The question about school-age children appears only once there are children.
    await page.getByLabel(label("members_count")).fill("4");
    await expect(group("school_age_children")).toHaveCount(0);
    await page.getByLabel(label("children_count")).fill("2");
    await expect(group("school_age_children")).toBeVisible();
    await expect(group("child_out_of_school")).toHaveCount(0);
    await answer("school_age_children", true);
    await expect(group("child_out_of_school")).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);

    // A draft is saved with what is there.
    await page.getByRole("button", { name: t["assessments.saveDraft"] }).click();
    await expect(page.getByText(t["assessments.draftSaved"])).toBeVisible();
    await expect(page).toHaveURL(/\/assessments\/[^/]+$/);
    const id = page.url().split("/").pop()!;
    expect((await adminApi.get(`/api/v1/assessments/${id}`)).status).toBe("draft");

    // Finishing without a required answer: the error is next to the question it names.
    await page.getByRole("button", { name: t["assessments.finish"] }).click();
    const missing = group("child_out_of_school");
    await expect(missing).toHaveAttribute("aria-invalid", "true");
    await expect(missing).toHaveAccessibleDescription(messages["assessment.required_answer"].detail[language]);
    await expect(missing).toBeFocused();
    expect(await seriousViolations(page)).toEqual([]);

    await answer("child_out_of_school", true);
    await answer("parent_abroad", false);
    await answer("elderly_alone", false);
    await page.getByRole("group", { name: label("income_sources") }).getByLabel(option("income_sources", "none")).check();
    await answer("income_below_threshold", true);
    await group("housing").getByLabel(option("housing", "overcrowded")).check();
    await answer("disability", false);
    await answer("chronic_illness", false);
    await answer("violence_signs", false);
    await expect(page.getByLabel(label("violence_details"))).toHaveCount(0);
    await answer("missing_documents", false);
    await page.getByRole("button", { name: t["assessments.finish"] }).click();

    // Finished: read-only, with the score and the flags the server computed.
    await expect(page.getByText(t["assessments.finished"])).toBeVisible();
    const flags = page.getByRole("list", { name: t["assessments.flags"] }).getByRole("listitem");
    const flag = (code: string) => form.flags.find((f) => f.code === code)!.label[language];
    await expect(flags).toHaveText([flag("poverty"), flag("child_out_of_school")]);
    await expect(page.getByTestId("assessment-score")).toContainText("10");
    await expect(page.getByRole("button", { name: t["assessments.finish"] })).toHaveCount(0);
    expect(await seriousViolations(page)).toEqual([]);
    const stored = await adminApi.get(`/api/v1/assessments/${id}`);
    expect(stored.status).toBe("final");
    expect(stored.flags).toEqual(["poverty", "child_out_of_school"]);

    // The household lists it.
    await page.getByRole("link", { name: t["assessments.backToHousehold"] }).click();
    await expect(page.getByRole("link", { name: form.title[language] })).toBeVisible();
  });
}

test("from a person's page, a new assessment offers the forms about persons", async ({ page, adminApi }) => {
  const t = catalogue("lt");
  const community = await someCommunity(adminApi);
  const person = await adminApi.send("POST", "/api/v1/persons", {
    // Other tests on this server register namesakes born the same day.
    duplicate_reason: "A namesake registered by another test",
    given_name: "Ona",
    family_name: "Petraitienė",
    birth_date: "1941-02-16",
    community_code: community.code,
  });
  const forms = (await adminApi.get("/api/v1/questionnaires")).items as { code: string; subject: string; title: Text }[];
  await page.goto("/");
  await signIn(page, ADMIN_USERNAME, ADMIN_PASSWORD);
  await expect(page.getByRole("heading", { name: /^Welcome, / })).toBeVisible();
  await page.getByRole("banner").getByLabel("Language").selectOption("lt");
  await page.goto(`/registry/persons/${person.id}`);
  await page.getByRole("link", { name: t["assessments.new"] }).click();
  const choice = page.getByRole("combobox", { name: t["assessments.chooseForm"] });
  const personForms = forms.filter((f) => f.subject === "person").map((f) => f.title.lt);
  // The forms arrive after the page: wait for them before reading the list.
  await expect(choice.locator("option")).toHaveCount(1 + personForms.length);
  const offered = await choice.locator("option").allTextContents();
  expect(offered.slice(1).sort()).toEqual(personForms.sort());
  await choice.selectOption("elderly_autonomy");
  const elderly = forms.find((f) => f.code === "elderly_autonomy")!;
  await expect(page.getByRole("heading", { name: elderly.title.lt, level: 1 })).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
});
