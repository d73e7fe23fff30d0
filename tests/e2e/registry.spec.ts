// Registry screens in the browser: register a person in Cyrillic and find them by a Latin
// transliteration with a typo; edit with a conflicting change; a household with two members.
import { ADMIN_PASSWORD, ADMIN_USERNAME, expect, installationToday, test, type AdminApi } from "./fixtures";
import { letters, signIn, signInAndSettle, someCommunity } from "./helpers";
import type { Page } from "@playwright/test";

/** A random word of letters (person names may not contain digits). */
/** Whole years from a birth date to `today` (YYYY-MM-DD, the installation's day), as the server counts `age`. */
function ageOn(today: string, year: number, month: number, day: number): number {
  const [y, m, d] = today.split("-").map(Number);
  const hadBirthday = m > month || (m === month && d >= day);
  return y - year - (hadBirthday ? 0 : 1);
}

async function signInAsAdmin(page: Page) {
  await page.goto("/");
  await signIn(page, ADMIN_USERNAME, ADMIN_PASSWORD);
  await expect(page.getByRole("heading", { name: /^Welcome, / })).toBeVisible();
}

async function chooseCommunity(page: Page, code: string) {
  await page.getByRole("searchbox", { name: "Search community" }).fill(code);
  const select = page.getByRole("combobox", { name: "Community", exact: true });
  await expect(select.locator(`option[value="${code}"]`)).toHaveCount(1);
  await select.selectOption(code);
}

async function createPerson(api: AdminApi, fields: Record<string, unknown>) {
  return api.send("POST", "/api/v1/persons", fields);
}

test("a person registered in Cyrillic is found by a Latin transliteration with a typo", { tag: "@smoke" }, async ({ page, adminApi }) => {
  const community = await someCommunity(adminApi);
  await signInAsAdmin(page);
  const nav = page.getByRole("navigation", { name: "Main navigation" });
  await nav.getByRole("link", { name: "Find a person" }).click();
  await expect(page.getByRole("heading", { name: "Registry of persons" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Start typing to find someone" })).toBeVisible();
  await page.getByRole("link", { name: "Register a person" }).click();

  await page.getByLabel("Family name", { exact: true }).fill("Поліщук");
  await page.getByLabel("Given name", { exact: true }).fill("Ольга");
  await page.getByLabel("Birth date", { exact: true }).fill("1984-03-07");
  await page.getByRole("combobox", { name: "Sex" }).selectOption("female");
  await chooseCommunity(page, community.code);
  await page.getByRole("checkbox", { name: /Ukrainian/ }).check();

  // A wrong identifier: the server's message appears next to that identifier, nothing is saved.
  await page.getByRole("button", { name: "Add an identifier" }).click();
  await page.getByRole("combobox", { name: "Type of identifier 1" }).selectOption("RO-CNP");
  const identifier = page.getByLabel("Identifier 1", { exact: true });
  await identifier.fill("1234567890123");
  await page.getByRole("button", { name: "Register", exact: true }).click();
  await expect(identifier).toHaveAttribute("aria-invalid", "true");
  await expect(identifier).toHaveAccessibleDescription(/\S/);
  await page.getByRole("button", { name: "Remove identifier 1" }).click();

  await page.getByRole("button", { name: "Register", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Поліщук Ольга", level: 1 })).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: "The person has been registered." })).toBeVisible();
  await expect(page.getByText(`07/03/1984 (${ageOn(installationToday(), 1984, 3, 7)} years old)`, { exact: true })).toBeVisible();
  const personUrl = page.url();

  await nav.getByRole("link", { name: "Find a person" }).click();
  const box = page.getByRole("combobox", { name: "Search for a person" });
  await box.pressSequentially("Polishuk Olha", { delay: 20 });
  const results = page.getByRole("listbox", { name: "Matching persons" });
  const hit = results.getByRole("option").filter({ hasText: "Поліщук Ольга" });
  await expect(hit).toHaveCount(1);
  await expect(hit).toContainText("07/03/1984");
  await expect(hit).toContainText(community.name);

  // A typo in the family name still finds her, marked as a similar match.
  await box.fill("");
  await expect(page.getByRole("heading", { name: "Start typing to find someone" })).toBeVisible();
  await box.pressSequentially("Pilishchuk Olha", { delay: 20 });
  await expect(hit).toHaveCount(1);
  await expect(hit).toContainText("Similar");

  // Keyboard: arrow down to the result, Enter opens the card.
  await box.press("ArrowDown");
  await expect(hit).toHaveAttribute("aria-selected", "true");
  await box.press("Enter");
  await expect(page).toHaveURL(personUrl);
  await expect(page.getByRole("heading", { name: "Поліщук Ольга", level: 1 })).toBeVisible();

  // Nothing matches nonsense.
  await nav.getByRole("link", { name: "Find a person" }).click();
  await page.getByRole("combobox", { name: "Search for a person" }).fill("Zzyzxq Qwvbn");
  await expect(page.getByRole("heading", { name: "No one matches “Zzyzxq Qwvbn”" })).toBeVisible();
});

test("editing a person someone else changed meanwhile is refused with a clear message", async ({
  page,
  adminApi,
}) => {
  const community = await someCommunity(adminApi);
  const family = `Popescu-${letters()}`;
  const person = await createPerson(adminApi, {
    given_name: "Ioana",
    family_name: family,
    birth_date: "1975-11-02",
    community_code: community.code,
    phone: "+40 258 111 111",
  });
  await signInAsAdmin(page);
  await page.goto(`/registry/persons/${person.id}`);
  await expect(page.getByRole("heading", { name: `${family} Ioana`, level: 1 })).toBeVisible();
  await page.getByRole("button", { name: "Edit", exact: true }).click();
  const form = page.locator("form", { has: page.getByRole("heading", { name: "Edit personal details" }) });

  // Another worker changes the address first.
  await adminApi.send("PATCH", `/api/v1/persons/${person.id}`, { address: "Str. Unirii 5" }, {
    "If-Match": `"${person.version}"`,
  });

  await form.getByLabel("Phone", { exact: true }).fill("+40 258 222 222");
  await form.getByRole("button", { name: "Save" }).click();
  await expect(form.getByRole("alert")).toContainText("Someone else changed this person while you were editing");
  expect((await adminApi.get(`/api/v1/persons/${person.id}`)).phone).toBe("+40 258 111 111");

  await form.getByRole("button", { name: "Reload" }).click();
  await expect(form.getByLabel("Address", { exact: true })).toHaveValue("Str. Unirii 5");
  await form.getByLabel("Phone", { exact: true }).fill("+40 258 222 222");
  await form.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("status").filter({ hasText: `The changes to ${family} Ioana have been saved.` })).toBeVisible();
  const stored = await adminApi.get(`/api/v1/persons/${person.id}`);
  expect(stored.phone).toBe("+40 258 222 222");
  expect(stored.address).toBe("Str. Unirii 5");

  // The history tells who changed what.
  await page.getByRole("tab", { name: "History of changes" }).click();
  const entries = page.getByRole("tabpanel").getByRole("listitem").filter({ has: page.getByRole("heading") });
  await expect(entries).toHaveCount(3);
  await expect(entries.first()).toContainText("Changed by admin");
  await expect(entries.first()).toContainText("+40 258 111 111");
  await expect(entries.first()).toContainText("+40 258 222 222");
  await expect(entries.last()).toContainText("Registered by admin");
});

test("a household is created with two members, one of them the head", { tag: "@smoke" }, async ({ page, adminApi }) => {
  const community = await someCommunity(adminApi);
  const family = `Ionescu-${letters()}`;
  const mother = await createPerson(adminApi, {
    given_name: "Maria",
    family_name: family,
    birth_date: "1980-04-12",
    community_code: community.code,
  });
  const son = await createPerson(adminApi, {
    given_name: "Andrei",
    family_name: family,
    birth_date: "2010-09-30",
    community_code: community.code,
  });
  await signInAsAdmin(page);
  await page.getByRole("navigation", { name: "Main navigation" }).getByRole("link", { name: "Find a person" }).click();
  await page.getByRole("link", { name: "New household" }).click();
  await expect(page.getByRole("heading", { name: "New household", exact: true, level: 1 })).toBeVisible();
  await chooseCommunity(page, community.code);
  await page.getByRole("combobox", { name: "Dwelling" }).selectOption("apartment");
  await page.getByRole("combobox", { name: "Income band" }).selectOption("low");

  const finder = page.getByRole("searchbox", { name: "Find a person to add" });
  await finder.fill(`${family} Maria`);
  await page.getByRole("button", { name: `Add ${family} Maria to the household` }).click();
  await finder.fill(`${family} Andrei`);
  await page.getByRole("button", { name: `Add ${family} Andrei to the household` }).click();

  // Two heads are refused before anything is sent.
  const sonRelationship = page.getByRole("combobox", { name: `Relationship of ${family} Andrei to the head` });
  await sonRelationship.selectOption("head");
  await page.getByRole("button", { name: "Create household" }).click();
  await expect(page.getByText("Only one member can be the head of the household.")).toBeVisible();

  await sonRelationship.selectOption("child");
  await page.getByRole("button", { name: "Create household" }).click();
  // The saved household opens at its own address (not /new, whose form shows the same members).
  await expect(page).toHaveURL(/\/registry\/households\/(?!new$)[^/]+$/);
  await expect(page.getByRole("heading", { name: "Household", exact: true, level: 1 })).toBeVisible();
  const members = page.getByRole("table").getByRole("row");
  await expect(members).toHaveCount(3);
  await expect(page.getByRole("combobox", { name: `Relationship of ${family} Maria to the head` })).toHaveValue("head");
  await expect(sonRelationship).toHaveValue("child");

  const householdId = page.url().split("/").pop()!;
  const stored = await adminApi.get(`/api/v1/households/${householdId}`);
  expect(stored.head_person_id).toBe(mother.id);
  expect(stored.dwelling_type).toBe("apartment");
  expect(stored.members.map((m: { person_id: string }) => m.person_id).sort()).toEqual([mother.id, son.id].sort());

  // Editing while someone else changed the household: refused, reload, then saved.
  await adminApi.send("PATCH", `/api/v1/households/${householdId}`, { address: "Str. Mare 10" }, {
    "If-Match": `"${stored.version}"`,
  });
  await page.getByRole("combobox", { name: "Income band" }).selectOption("very_low");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("alert")).toContainText("Someone else changed this household while you were editing");
  await page.getByRole("button", { name: "Reload" }).click();
  await expect(page.getByLabel("Address", { exact: true })).toHaveValue("Str. Mare 10");
  await page.getByRole("combobox", { name: "Income band" }).selectOption("very_low");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("status").filter({ hasText: "The household has been saved." })).toBeVisible();
  const saved = await adminApi.get(`/api/v1/households/${householdId}`);
  expect(saved.income_band).toBe("very_low");
  expect(saved.address).toBe("Str. Mare 10");
  expect(saved.members).toHaveLength(2);

  // The person card links back to the household.
  await page.getByRole("link", { name: `${family} Andrei` }).click();
  await page.getByRole("link", { name: "Open the household" }).click();
  await expect(page).toHaveURL(new RegExp(`/registry/households/${householdId}$`));
});

test("the registry is offered to roles with person.read, the import only with person.import", async ({
  page,
  adminApi,
}) => {
  const community = await someCommunity(adminApi);
  const nav = page.getByRole("navigation", { name: "Main navigation" });
  for (const [role, seesRegistry] of [
    ["social_worker", true],
    ["analyst", false],
  ] as const) {
    const username = `${role.slice(0, 2)}${letters(8).toLowerCase()}`;
    const password = `${role}-Passw0rd-1`;
    await adminApi.send("POST", "/api/v1/users", {
      username,
      display_name: `Test ${role}`,
      language: "en",
      home_territory_code: community.code,
      roles: [{ role, territory_code: community.code }],
      password,
    });
    await page.goto("/");
    await signInAndSettle(page, username, password, `${password}-new`);
    await expect(nav.getByRole("link", { name: "Workspace" })).toBeVisible();
    await expect(nav.getByRole("link", { name: "Find a person" })).toHaveCount(seesRegistry ? 1 : 0);
    await expect(nav.getByRole("link", { name: "Import from CSV" })).toHaveCount(0);
    await page.goto("/registry/import");
    await expect(page.getByRole("heading", { name: "Not allowed" })).toBeVisible();
    await page.goto("/registry");
    await expect(
      page.getByRole("heading", { name: seesRegistry ? "Registry of persons" : "Not allowed" }),
    ).toBeVisible();
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
  }
});
