// Forms administration and the screening figures: an administrator adds a form version by
// pasting its definition (an error names the place in it), and an analyst reads how many
// households were screened and found vulnerable, without names, in Macedonian.
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { ADMIN_PASSWORD, ADMIN_USERNAME, expect, test } from "./fixtures";
import { catalogue, createUserViaApi, signIn, signInAndSettle, someCommunity, unique } from "./helpers";

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  return results.violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map((violation) => ({ id: violation.id, targets: violation.nodes.map((node) => node.target.join(" ")) }));
}

test("an administrator adds a form version; a definition error names its place", async ({ page, adminApi }) => {
  const t = catalogue("en");
  const current = await adminApi.get("/api/v1/questionnaires/family_initial");
  const definition = { ...current.definition, version: current.version + 1 };
  await page.goto("/");
  await signIn(page, ADMIN_USERNAME, ADMIN_PASSWORD);
  await page.getByRole("navigation").getByRole("link", { name: t["nav.questionnaires"] }).click();
  await expect(page.getByRole("heading", { name: t["questionnaires.title"], level: 1 })).toBeVisible();
  await expect(page.getByRole("cell", { name: current.title.en })).toBeVisible();
  const input = page.getByLabel(t["questionnaires.definition"]);
  const broken = structuredClone(definition);
  broken.sections[0].questions[1].id = broken.sections[0].questions[0].id;
  await input.fill(JSON.stringify(broken, null, 1));
  await page.getByRole("button", { name: t["questionnaires.add"] }).click();
  await expect(input).toHaveAttribute("aria-invalid", "true");
  await expect(page.locator("#definition-error")).toContainText("sections[0].questions[1].id");
  expect(await seriousViolations(page)).toEqual([]);
  await input.fill(JSON.stringify(definition));
  await page.getByRole("button", { name: t["questionnaires.add"] }).click();
  await expect(page.getByRole("status")).toContainText(`${current.title.en}: version ${definition.version} added.`);
  await expect(page.getByRole("row", { name: new RegExp(current.title.en) })).toContainText(
    [...current.versions, definition.version].join(", "),
  );
});

test("an analyst reads the screening figures of a community, in Macedonian", async ({ page, adminApi }) => {
  const t = catalogue("mk");
  const community = await someCommunity(adminApi);
  const household = await adminApi.send("POST", "/api/v1/households", { community_code: community.code });
  await adminApi.send("POST", "/api/v1/assessments", {
    questionnaire_code: "household_screening",
    household_id: household.id,
    status: "final",
    answers: {
      members_count: 1,
      children_count: 0,
      elderly_alone: true,
      income_sources: ["pension"],
      income_below_threshold: false,
      housing: "adequate",
      disability: false,
      chronic_illness: true,
      violence_signs: false,
      missing_documents: false,
    },
  });
  const expected = await adminApi.get(`/api/v1/assessments/screening-summary?territory=${community.code}`);
  const username = unique("an");
  const { password } = await createUserViaApi(adminApi, {
    username,
    display_name: "Analyst",
    home_territory_code: community.code,
    roles: [{ role: "analyst", territory_code: community.code }],
  });
  await page.goto("/");
  await signInAndSettle(page, username, password, "Another-Passw0rd-42");
  await page.getByRole("banner").getByLabel("Language").selectOption("mk");
  await page.getByRole("navigation").getByRole("link", { name: t["nav.screening"] }).click();
  await expect(page.getByRole("heading", { name: t["screening.title"], level: 1 })).toBeVisible();
  await expect(page.getByTestId("households-screened")).toHaveText(String(expected.households_screened));
  const elderly = expected.flags.find((f: { code: string }) => f.code === "elderly_alone");
  await expect(page.getByRole("row", { name: new RegExp(elderly.label.mk) })).toContainText(String(elderly.households));
  expect(await seriousViolations(page)).toEqual([]);
  // Analysts never open an assessment.
  await expect(page.getByRole("navigation").getByRole("link", { name: t["nav.registry"] })).toHaveCount(0);
});
