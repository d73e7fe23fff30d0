// The registry on a phone (390 px) and a laptop, in a Cyrillic and a Latin language: nothing
// scrolls sideways, the search box comes first, phone numbers are tel: links, and the search
// stays in the address (Back and "back to the registry" return to it; results are real links).
import type { Page } from "@playwright/test";
import { ADMIN_PASSWORD, ADMIN_USERNAME, expect, test } from "./fixtures";
import { catalogue, letters, signIn, someCommunity } from "./helpers";

async function pageWidth(page: Page): Promise<number> {
  return page.evaluate(() => Math.max(document.documentElement.scrollWidth, document.body.scrollWidth));
}

async function signInIn(page: Page, language: string) {
  await page.goto("/");
  await signIn(page, ADMIN_USERNAME, ADMIN_PASSWORD);
  await expect(page.getByRole("heading", { name: /^Welcome, / })).toBeVisible();
  await page.getByRole("banner").getByLabel("Language").selectOption(language);
}

const cases = [
  { viewport: { width: 390, height: 844 }, language: "ru", device: "phone" },
  { viewport: { width: 1280, height: 800 }, language: "lt", device: "laptop" },
] as const;

for (const { viewport, language, device } of cases) {
  test.describe(`${device}, ${language}`, () => {
    test.use({ viewport });

    test("the person card and the household page fit the screen; phones are tel: links", async ({ page, adminApi }) => {
      const t = catalogue(language);
      const community = await someCommunity(adminApi);
      const family = `Константинопольська-${letters()}`;
      const head = await adminApi.send("POST", "/api/v1/persons", {
        // Other tests on this server register namesakes born the same day.
        duplicate_reason: "A namesake registered by another test",
        given_name: "Олександра-Вікторія",
        family_name: family,
        patronymic: "Володимирівна",
        birth_date: "1979-02-11",
        community_code: community.code,
        address: "вулиця Незалежності 123, квартира 45, під'їзд 6, поверх 7",
        phone: "+40 (744) 123-456",
        notes: "Довгий-текст-без-пробілів-".repeat(8),
      });
      const child = await adminApi.send("POST", "/api/v1/persons", {
        // Other tests on this server register namesakes born the same day.
        duplicate_reason: "A namesake registered by another test",
        given_name: "Максиміліан",
        family_name: family,
        birth_date: "2012-05-01",
        community_code: community.code,
      });
      const household = await adminApi.send("POST", "/api/v1/households", {
        community_code: community.code,
        address: "вулиця Незалежності 123",
        members: [
          { person_id: head.id, relationship_to_head: "head" },
          { person_id: child.id, relationship_to_head: "grandchild" },
        ],
      });
      await signInIn(page, language);

      await page.goto(`/registry/persons/${head.id}`);
      await expect(page.getByRole("heading", { name: `${family} Олександра-Вікторія`, level: 1 })).toBeVisible();
      expect(await pageWidth(page)).toBeLessThanOrEqual(viewport.width);
      await expect(page.getByRole("link", { name: "+40 (744) 123-456" })).toHaveAttribute("href", "tel:+40744123456");

      await page.goto(`/registry/households/${household.id}`);
      const relationship = page.locator("select").filter({ has: page.locator('option[value="grandchild"]') }).last();
      await expect(relationship).toBeVisible();
      expect(await pageWidth(page)).toBeLessThanOrEqual(viewport.width);
      const box = (await relationship.boundingBox())!;
      expect(box.x + box.width).toBeLessThanOrEqual(viewport.width);
      await expect(page.getByText(t["registry.backToSearch"])).toBeVisible();

      // A new household with this person: the community is theirs (not asked again), the address offered.
      await page.goto(`/registry/households/new?person=${head.id}`);
      await expect(page.getByLabel(t["registry.field.address"], { exact: true })).toHaveValue(
        "вулиця Незалежності 123, квартира 45, під'їзд 6, поверх 7",
      );
      await expect(page.getByRole("searchbox", { name: t["registry.searchCommunity"] })).toHaveCount(0);
      await expect(page.getByText(`${community.name} (${community.code})`)).toBeVisible();
      expect(await pageWidth(page)).toBeLessThanOrEqual(viewport.width);
    });

    test("the search stays in the address and its results are links", async ({ page, adminApi }) => {
      const t = catalogue(language);
      const community = await someCommunity(adminApi);
      const family = `Lungu${letters()}`;
      const person = await adminApi.send("POST", "/api/v1/persons", {
        // Other tests on this server register namesakes born the same day.
        duplicate_reason: "A namesake registered by another test",
        given_name: "Maria",
        family_name: family,
        community_code: community.code,
      });
      await signInIn(page, language);
      await page.goto("/registry");
      const box = page.getByRole("combobox", { name: t["registry.searchLabel"] });
      const register = page.getByRole("link", { name: t["registry.newPerson"] });
      if (device === "phone") {
        // The search box comes before the buttons on a phone.
        expect((await box.boundingBox())!.y).toBeLessThan((await register.boundingBox())!.y);
      }
      await box.fill(family);
      const hit = page.getByRole("option").filter({ hasText: family });
      await expect(hit).toHaveCount(1);
      await expect(page).toHaveURL(new RegExp(`[?&]q=${family}`));
      await expect(hit).toHaveAttribute("href", `/registry/persons/${person.id}`);
      expect(await pageWidth(page)).toBeLessThanOrEqual(viewport.width);

      await hit.click();
      await expect(page.getByRole("heading", { name: `${family} Maria`, level: 1 })).toBeVisible();
      await page.goBack();
      await expect(box).toHaveValue(family);
      await expect(hit).toHaveCount(1);

      await hit.click();
      await page.getByRole("link", { name: t["registry.backToSearch"] }).click();
      await expect(page).toHaveURL(new RegExp(`/registry\\?q=${family}$`));
      await expect(box).toHaveValue(family);
      await expect(hit).toHaveCount(1);

      // Signing out forgets the search: the next user of this computer does not inherit it.
      expect(await page.evaluate(() => sessionStorage.getItem("socius.registry.lastSearch"))).toBe(family);
      await page.getByRole("button", { name: t["shell.logout"] }).click();
      await expect(page.getByRole("button", { name: t["shell.logout"] })).toHaveCount(0);
      expect(await page.evaluate(() => sessionStorage.length)).toBe(0);
    });
  });
}
