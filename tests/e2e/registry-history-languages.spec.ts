// A person's history shows joining and leaving a household, with a link to it; the card and
// the form name spoken languages and birth dates in the user's language without relying on the
// browser's locale data (this Chromium has none for Macedonian). Laptop and phone; a Cyrillic
// and a Latin language; axe stays clean.
import AxeBuilder from "@axe-core/playwright";
import { ADMIN_PASSWORD, ADMIN_USERNAME, expect, test } from "./fixtures";
import { catalogue, letters, signIn, someCommunity } from "./helpers";

const cases = [
  { device: "laptop", viewport: { width: 1280, height: 800 }, language: "mk", ukrainian: "Украински", date: "07.03.1984" },
  { device: "phone", viewport: { width: 390, height: 844 }, language: "ro", ukrainian: "Ucraineană", date: "07.03.1984" },
] as const;

for (const { device, viewport, language, ukrainian, date } of cases) {
  test(`a person's history shows the household joined and left; languages and dates in ${language} (${device})`, async ({
    page,
    adminApi,
  }) => {
    const t = catalogue(language);
    const community = await someCommunity(adminApi);
    const family = letters();
    const head = await adminApi.send("POST", "/api/v1/persons", {
      // Other tests on this server register namesakes born the same day.
      duplicate_reason: "A namesake registered by another test",
      given_name: "Ana",
      family_name: family,
      community_code: community.code,
    });
    const child = await adminApi.send("POST", "/api/v1/persons", {
      // Other tests on this server register namesakes born the same day.
      duplicate_reason: "A namesake registered by another test",
      given_name: "Ion",
      family_name: family,
      birth_date: "1984-03-07",
      languages: ["uk"],
      community_code: community.code,
    });
    const household = await adminApi.send("POST", "/api/v1/households", {
      members: [
        { person_id: head.id, relationship_to_head: "head" },
        { person_id: child.id, relationship_to_head: "child" },
      ],
    });
    const current = await adminApi.get(`/api/v1/households/${household.id}`);
    await adminApi.send(
      "PATCH",
      `/api/v1/households/${household.id}`,
      { members: [{ person_id: head.id, relationship_to_head: "head" }] },
      { "If-Match": `"${current.version}"` },
    );

    await page.setViewportSize(viewport);
    await page.goto("/");
    await signIn(page, ADMIN_USERNAME, ADMIN_PASSWORD);
    await page.getByRole("banner").getByLabel("Language").selectOption(language);
    await expect(page.locator("html")).toHaveAttribute("lang", language);
    await page.goto(`/registry/persons/${child.id}`);

    // The card: the birth date numeric, the spoken language in the user's language.
    const card = page.getByRole("tabpanel");
    await expect(card).toContainText(date);
    await expect(card).toContainText(ukrainian);

    await page.getByRole("tab", { name: t["registry.tab.history"] }).click();
    const entries = page.locator(".history-entry");
    const joined = entries.filter({ hasText: t["registry.relationship.child"].toLocaleLowerCase(language) });
    await expect(joined).toHaveCount(1);
    await expect(joined.getByRole("link", { name: t["registry.historyOpenHousehold"] })).toHaveAttribute(
      "href",
      `/registry/households/${household.id}`,
    );
    // Newest first: leaving, then joining, then the registration.
    const left = t["registry.historyLeftHousehold"].split("{who}")[0].trim();
    await expect(entries.first()).toContainText(left);
    await expect(entries.first().getByRole("link", { name: t["registry.historyOpenHousehold"] })).toBeVisible();

    // The form's spoken-language boxes in the user's language.
    await page.getByRole("tab", { name: t["registry.tab.details"] }).click();
    await page.getByRole("button", { name: t["registry.edit"] }).click();
    await expect(page.getByRole("checkbox", { name: new RegExp(`^${ukrainian}`) })).toBeChecked();
    await expect(page.locator(".language-choice")).not.toContainText("Ukrainian");

    const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
    expect(results.violations.filter((v) => v.impact === "serious" || v.impact === "critical")).toEqual([]);
  });
}
