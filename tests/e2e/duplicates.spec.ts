// Possible duplicates in the browser: an administrator's run finds two records of one person
// written in two scripts; a head of service reviews the pair, keeps a value of the newer record,
// merges, finds it on the surviving record, and undoes the merge. A pair marked "not the same
// person" is not proposed again by the next run.
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { expect, test, type AdminApi } from "./fixtures";
import { letters, signIn, someCommunity } from "./helpers";
import { staffMember, type StaffMember } from "./casework";

/** Syllables written in Ukrainian Cyrillic and in its national Latin transliteration. */
const SYLLABLES: [string, string][] = [
  ["ко", "ko"],
  ["ва", "va"],
  ["лен", "len"],
  ["ру", "ru"],
  ["бан", "ban"],
  ["ди", "dy"],
  ["мар", "mar"],
  ["тин", "tyn"],
  ["со", "so"],
  ["ло", "lo"],
  ["ми", "my"],
  ["дан", "dan"],
  ["пе", "pe"],
  ["гор", "hor"],
];

/** A family name no other test uses, in Cyrillic and as its Latin transliteration ("Коланрук", "Kolanruk"). */
function familyName(): { cyrillic: string; latin: string } {
  let cyrillic = "";
  let latin = "";
  for (let i = 0; i < 3; i++) {
    const [c, l] = SYLLABLES[Math.floor(Math.random() * SYLLABLES.length)];
    cyrillic += c;
    latin += l;
  }
  cyrillic += "щук";
  latin += "shchuk";
  const cap = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);
  return { cyrillic: cap(cyrillic), latin: cap(latin) };
}

/** A birth date between 1950 and 1999 no other test is likely to use. */
function birthDate(): string {
  const year = 1950 + Math.floor(Math.random() * 50);
  const month = 1 + Math.floor(Math.random() * 12);
  const day = 1 + Math.floor(Math.random() * 28);
  return `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/** Registers a person through the API, saying why when the registry holds a likely match already. */
async function register(api: AdminApi, fields: Record<string, unknown>): Promise<{ id: string; version: number }> {
  return api.send("POST", "/api/v1/persons", { ...fields, duplicate_reason: "A second record made for the test of duplicates" });
}

/**
 * Registers distinct persons in the community, so that the run learns from more than the pair
 * under test how often two different persons agree on a field (a registry of two records
 * teaches nothing).
 */
async function population(api: AdminApi, community: string, count = 60): Promise<void> {
  for (let i = 0; i < count; i++) {
    await register(api, {
      given_name: letters(6),
      family_name: letters(8),
      birth_date: birthDate(),
      sex: i % 2 ? "female" : "male",
      community_code: community,
    });
  }
}

/** Runs a search for duplicates over the territory as the administrator, and waits for its end. */
async function runOver(api: AdminApi, territory: string): Promise<any> {
  const started = await api.send("POST", "/api/v1/duplicates/runs", { territory_code: territory });
  let run = started;
  const deadline = Date.now() + 60_000;
  while (run.status === "running") {
    expect(Date.now(), "the run did not finish in 60 s").toBeLessThan(deadline);
    await new Promise((resolve) => setTimeout(resolve, 250));
    run = await api.get(`/api/v1/duplicates/runs/${started.id}`);
  }
  expect(run.status, JSON.stringify(run)).toBe("done");
  return run;
}

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  return results.violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map((violation) => ({ id: violation.id, help: violation.help, targets: violation.nodes.map((n) => n.target.join(" ")) }));
}

async function signInAs(page: Page, who: StaffMember) {
  await page.goto("/");
  await signIn(page, who.username, who.password);
  await expect(page.getByRole("heading", { name: /^Welcome, / })).toBeVisible();
}

/** The row of the duplicates list that pairs the two spellings of a family name. */
function pairRow(page: Page, family: { cyrillic: string; latin: string }) {
  return page.getByTestId("duplicate-pair").filter({ hasText: family.cyrillic }).filter({ hasText: family.latin });
}

test("a head of service reviews a pair, merges it keeping a value of the newer record, and undoes the merge", async ({
  page,
  adminApi,
}) => {
  const community = await someCommunity(adminApi);
  await population(adminApi, community.code);
  const family = familyName();
  const born = birthDate();
  const olderFields = {
    given_name: "Ольга",
    family_name: family.cyrillic,
    birth_date: born,
    sex: "female",
    community_code: community.code,
    phone: "+380 44 111 1111",
    address: null as string | null,
  };
  const newerFields = { ...olderFields, given_name: "Olha", family_name: family.latin, phone: "+380 44 222 2222", address: "vul. Shevchenka 5" };
  const older = { ...olderFields, ...(await register(adminApi, olderFields)) };
  const newer = { ...newerFields, ...(await register(adminApi, newerFields)) };
  const run = await runOver(adminApi, community.code);
  expect(run.proposed_pairs).toBeGreaterThan(0);
  // The record shown first (`a`) stays unless the reviewer says otherwise.
  const pairs = await adminApi.get(`/api/v1/duplicates?territory=${encodeURIComponent(community.code)}&limit=200`);
  const pair = pairs.items.find((p: any) => [p.a.id, p.b.id].sort().join() === [older.id, newer.id].sort().join());
  expect(pair, "the run proposes the two records as a pair").toBeTruthy();
  const [first, second] = pair.a.id === older.id ? [older, newer] : [newer, older];

  const head = await staffMember(adminApi, community.code, "head_of_service", "Elena Head");
  await signInAs(page, head);
  const nav = page.getByRole("navigation", { name: "Main navigation" });
  await nav.getByRole("link", { name: "Possible duplicates" }).click();
  await expect(page.getByRole("heading", { name: "Possible duplicates", level: 1 })).toBeVisible();
  // A head of service may review but not start a run; the latest run's summary is shown.
  await expect(page.getByRole("button", { name: "Find duplicates now" })).toHaveCount(0);
  await expect(page.getByTestId("run-summary")).toContainText("Records compared");
  const row = pairRow(page, family);
  await expect(row).toHaveCount(1);
  await expect(row).toContainText(/\d+(\.\d)?%/);
  expect(await seriousViolations(page)).toEqual([]);

  await row.getByRole("link", { name: /^Review/ }).click();
  await expect(page.getByRole("heading", { name: "Review a possible duplicate", level: 1 })).toBeVisible();
  await expect(page.getByRole("table", { name: /How each field of the two records compares/ })).toBeVisible();
  // The first record stays; its phone is proposed, and the address only one of them has.
  await expect(page.getByRole("radio", { name: /^The older record/ })).toBeChecked();
  await expect(page.getByRole("radio", { name: `Phone: ${first.phone}` })).toBeChecked();
  await expect(page.getByRole("radio", { name: "Address: vul. Shevchenka 5" })).toBeChecked();
  // Equal values offer no choice.
  await expect(page.getByRole("radio", { name: /^Sex:/ })).toHaveCount(0);
  expect(await seriousViolations(page)).toEqual([]);

  // Merge keeping the other record's phone, then undo it straight away.
  await page.getByRole("radio", { name: `Phone: ${second.phone}` }).check();
  await page.getByRole("button", { name: "Merge", exact: true }).click();
  const outcome = page.getByRole("region", { name: "The records have been merged" });
  await expect(outcome).toBeVisible();
  await expect(outcome.getByRole("heading", { name: "The records have been merged" })).toBeFocused();
  await outcome.getByRole("button", { name: "Undo merge" }).click();
  await expect(page.getByRole("status").filter({ hasText: "The merge has been undone" })).toBeVisible();
  expect((await adminApi.get(`/api/v1/persons/${first.id}`)).phone).toBe(first.phone);
  expect((await adminApi.get(`/api/v1/persons/${second.id}`)).phone).toBe(second.phone);

  // Merge again, and this time open the surviving record.
  await page.getByRole("radio", { name: `Phone: ${second.phone}` }).check();
  await page.getByRole("button", { name: "Merge", exact: true }).click();
  await expect(outcome).toBeVisible();
  await outcome.getByRole("link", { name: /^Open the record of/ }).click();
  await expect(page).toHaveURL(new RegExp(`/registry/persons/${first.id}$`));
  await expect(page.getByRole("heading", { name: new RegExp(first.family_name), level: 1 })).toBeVisible();
  await expect(page.getByRole("link", { name: second.phone })).toBeVisible();
  await expect(page.getByText("vul. Shevchenka 5")).toBeVisible();

  // The merged record points to the survivor.
  await page.goto(`/registry/persons/${second.id}`);
  await expect(page.getByRole("heading", { name: "This record was merged", level: 1 })).toBeVisible();
  await page.getByRole("link", { name: /^Open the record of/ }).click();
  await expect(page).toHaveURL(new RegExp(`/registry/persons/${first.id}$`));

  // Undo from the list of merges: both records are back as they were.
  await nav.getByRole("link", { name: "Possible duplicates" }).click();
  await page.getByRole("link", { name: "Merges done" }).click();
  await expect(page.getByRole("heading", { name: "Merges of persons", level: 1 })).toBeVisible();
  const mergeRow = page.getByTestId("merge-row").filter({ hasText: family.cyrillic }).filter({ hasText: family.latin });
  await expect(mergeRow).toHaveCount(2);
  const active = mergeRow.filter({ has: page.getByRole("button", { name: /^Undo merge/ }) });
  await expect(active).toHaveCount(1);
  await active.getByRole("button", { name: /^Undo merge/ }).click();
  await expect(page.getByRole("status").filter({ hasText: "has been undone" })).toBeVisible();
  await expect(mergeRow.filter({ hasText: "Undone" })).toHaveCount(2);

  for (const person of [first, second]) {
    await page.goto(`/registry/persons/${person.id}`);
    await expect(page.getByRole("heading", { name: new RegExp(person.family_name), level: 1 })).toBeVisible();
    await expect(page.getByRole("link", { name: person.phone })).toBeVisible();
    const restored = await adminApi.get(`/api/v1/persons/${person.id}`);
    expect(restored.address).toBe(person.address);
    expect(restored.family_name).toBe(person.family_name);
  }

  // The pair is open again.
  await nav.getByRole("link", { name: "Possible duplicates" }).click();
  await expect(pairRow(page, family)).toHaveCount(1);
});

test("a pair marked as not the same person is not proposed again by the next run", async ({ page, adminApi }) => {
  const community = await someCommunity(adminApi);
  await population(adminApi, community.code);
  const family = familyName();
  const born = birthDate();
  await register(adminApi, {
    given_name: "Марія",
    family_name: family.cyrillic,
    birth_date: born,
    sex: "female",
    community_code: community.code,
  });
  await register(adminApi, {
    given_name: "Mariia",
    family_name: family.latin,
    birth_date: born,
    sex: "female",
    community_code: community.code,
  });
  await runOver(adminApi, community.code);

  const head = await staffMember(adminApi, community.code, "head_of_service", "Ivan Head");
  await signInAs(page, head);
  await page.goto("/registry/duplicates");
  const row = pairRow(page, family);
  await expect(row).toHaveCount(1);
  await row.getByRole("link", { name: /^Review/ }).click();
  await page.getByRole("button", { name: "Not the same person" }).click();
  await expect(page.getByText("This pair was marked as two different persons.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Merge", exact: true })).toHaveCount(0);

  await runOver(adminApi, community.code);
  await page.getByRole("link", { name: "Back to possible duplicates" }).click();
  await expect(page.getByRole("heading", { name: "Possible duplicates", level: 1 })).toBeVisible();
  await expect(page.getByTestId("run-summary")).toBeVisible();
  await expect(pairRow(page, family)).toHaveCount(0);
  await page.getByRole("combobox", { name: "Show" }).selectOption("not_same");
  await expect(pairRow(page, family)).toHaveCount(1);
  await expect(pairRow(page, family)).toContainText("Not the same person");
});
