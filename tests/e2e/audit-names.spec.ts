// The audit log filters on every action the server writes (above all "who viewed this
// person"), names actors and records with links, and matches user names partially. Laptop in
// English (Latin), phone in Russian (Cyrillic); axe stays clean.
import AxeBuilder from "@axe-core/playwright";
import { ADMIN_PASSWORD, ADMIN_USERNAME, expect, test } from "./fixtures";
import { signIn, someCommunity } from "./helpers";

const CASES = [
  {
    name: "laptop, English",
    viewport: { width: 1280, height: 800 },
    language: "en",
    labels: { action: "Action", actor: "User", apply: "Apply filters", person: "Person", whoViewed: "Who viewed it" },
  },
  {
    name: "phone, Russian",
    viewport: { width: 390, height: 844 },
    language: "ru",
    labels: { action: "Действие", actor: "Пользователь", apply: "Применить фильтры", person: "Лицо", whoViewed: "Кто просматривал" },
  },
] as const;

test.afterEach(async ({ adminApi }) => {
  await adminApi.send("PATCH", "/api/v1/session", { language: "en" });
});

for (const c of CASES) {
  test(`who viewed this person, with names and a partial user name (${c.name})`, async ({ page, adminApi }) => {
    const community = await someCommunity(adminApi);
    const person = await adminApi.send("POST", "/api/v1/persons", {
      // Other tests on this server register namesakes born the same day.
      duplicate_reason: "A namesake registered by another test",
      given_name: "Viorica",
      family_name: "Consultată",
      community_code: community.code,
    });
    await adminApi.get(`/api/v1/persons/${person.id}`); // one person.read by the administrator

    await page.setViewportSize(c.viewport);
    await page.goto("/");
    await signIn(page, ADMIN_USERNAME, ADMIN_PASSWORD);
    await page.getByRole("banner").locator("select").first().selectOption(c.language);
    await expect(page.locator("html")).toHaveAttribute("lang", c.language);
    await page.goto("/admin/audit");

    // Every action is offered, the registry's included.
    const actions = page.getByLabel(c.labels.action);
    for (const action of ["person.read", "person.create", "household.create", "person.import"]) {
      await expect(actions.locator(`option[value="${action}"]`)).toHaveCount(1);
    }
    await actions.selectOption("person.create");
    await page.getByLabel(c.labels.actor, { exact: true }).fill("ADM");
    await page.getByRole("button", { name: c.labels.apply }).click();
    const rows = page.getByRole("table").getByRole("row");
    await expect(rows.nth(1)).toContainText("person.create");
    // The actor by name, linked; the record linked to its page.
    await expect(rows.nth(1).getByRole("link", { name: "Administrator" }).or(rows.nth(1).getByRole("link", { name: ADMIN_USERNAME }))).toBeVisible();
    await expect(rows.nth(1).getByRole("link", { name: new RegExp(`^${c.labels.person} `) })).toHaveAttribute(
      "href",
      `/registry/persons/${person.id}`,
    );

    // "Who viewed it": the reads of this person alone.
    await rows.nth(1).getByRole("link", { name: c.labels.whoViewed }).click();
    await expect(page.getByLabel(c.labels.action)).toHaveValue("person.read");
    await expect(page.getByRole("table").getByRole("row")).toHaveCount(2);
    await expect(page.getByRole("table").getByRole("row").nth(1)).toContainText("person.read");

    const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
    expect(results.violations.filter((v) => v.impact === "serious" || v.impact === "critical")).toEqual([]);
  });
}
