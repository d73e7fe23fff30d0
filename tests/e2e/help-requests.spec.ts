// Residents' requests for help and the services map. A resident, on a phone and without an
// account, finds a social canteen on their community's public page by a need word in Romanian
// and asks for help; a social worker finds the request in the intake queue and answers it by
// opening a case, or by recording an audience with a person registered on the way; a request
// someone else answered meanwhile shows the usual alert; the services map shows the places of a
// community's canteen to an analyst, whose services list leads to the community's public page.
import AxeBuilder from "@axe-core/playwright";
import { request as playwrightRequest, type Page } from "@playwright/test";
import { fill, newPerson, seriousViolations, signInAs, staffApi, staffMember, type StaffApi } from "./casework";
import { expect, test, type AdminApi, type Server } from "./fixtures";
import { catalogue, letters, someCommunity, unique } from "./helpers";

const t = catalogue("en");
const laptop = { width: 1280, height: 800 };
const phone = { width: 390, height: 844 };
/** How the server writes a confirmation: two groups of four letters and digits. */
const CONFIRMATION = /[A-Z2-9]{4}-[A-Z2-9]{4}/;

/** The person's name as the registry writes it: family name first. */
const nameOf = (person: { family_name: string; given_name: string }) => `${person.family_name} ${person.given_name}`;

async function pageWidth(page: Page): Promise<number> {
  return page.evaluate(() => Math.max(document.documentElement.scrollWidth, document.body.scrollWidth));
}

/** Every WCAG 2.1 A/AA finding of axe, whatever its impact. */
async function allViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  return results.violations.map((violation) => ({
    id: violation.id,
    impact: violation.impact,
    targets: violation.nodes.map((node) => node.target.join(" ")),
  }));
}

/** A head of service of `community` who registers a provider and a social canteen there. */
async function canteenOf(adminApi: AdminApi, server: Server, community: string, capacity = 30) {
  const head = await staffMember(adminApi, community, "head_of_service", `Elena ${letters()}`);
  const asHead = await staffApi(server, head);
  const provider = await asHead.send("POST", "/api/v1/providers", {
    territory_code: community,
    name: `Asociația ${letters()}`,
    kind: "non_governmental",
  });
  const canteen = await asHead.send("POST", "/api/v1/services", {
    provider_id: provider.id,
    territory_code: community,
    name: `Cantina ${letters()}`,
    type: "social_canteen",
    capacity,
    target_groups: ["elderly"],
    phone: "+40 258 811 200",
    opening_hours: "Luni–Vineri 12–14",
  });
  return { head, asHead, provider, canteen };
}

/** A resident's request, sent as the public form's API takes it (no account, no cookie). */
async function askForHelp(server: Server, community: string, need: string, name: string): Promise<string> {
  const resident = await playwrightRequest.newContext({ baseURL: server.url });
  const response = await resident.post(`/api/v1/public/communities/${community}/help-requests`, {
    data: { need, for_whom: `${name}, 79`, name, contact: "0722 000 000", consent: true, language: "ro" },
  });
  const body = await response.text();
  expect(response.status(), body).toBe(201);
  await resident.dispose();
  return JSON.parse(body).confirmation as string;
}

/** Opens the request with `confirmation` from the queue. */
async function openFromQueue(page: Page, confirmation: string) {
  await page.getByRole("navigation", { name: t["nav.label"] }).getByRole("link", { name: t["nav.helpRequests"] }).click();
  await expect(page.getByRole("heading", { level: 1, name: t["intake.listTitle"] })).toBeVisible();
  const row = page.getByTestId("help-request-row").filter({ hasText: confirmation });
  await expect(row).toHaveCount(1);
  await row.getByRole("link", { name: confirmation }).click();
  await expect(
    page.getByRole("heading", { level: 1, name: fill(t["intake.title"], { confirmation }) }),
  ).toBeVisible();
}

test("a resident on a phone finds the social canteen by a need word in Romanian and asks for help", async ({
  browser,
  adminApi,
  server,
  baseURL,
}) => {
  const community = await someCommunity(adminApi);
  const { canteen, asHead } = await canteenOf(adminApi, server, community.code);
  await asHead.dispose();

  // No account: a fresh browser on a phone, straight to the page the town hall gave out.
  const context = await browser.newContext({ baseURL, viewport: phone, locale: "ro-RO", timezoneId: "Europe/Bucharest" });
  const page = await context.newPage();
  await page.goto(`/directory/${community.code}?lang=ro`);
  await expect(page.locator("html")).toHaveAttribute("lang", "ro");
  await expect(page.getByRole("heading", { level: 1 })).toContainText(community.name);
  expect(await allViolations(page)).toEqual([]);

  // "mâncare" (food) is one of the words of a social canteen's need.
  await page.getByRole("searchbox", { name: "De ce aveți nevoie?" }).fill("mâncare");
  await page.getByRole("button", { name: "Caută" }).click();
  await expect(page).toHaveURL(/[?&]q=m%C3%A2ncare/);
  const found = page.getByRole("heading", { level: 2, name: canteen.name });
  await expect(found).toBeVisible();
  await expect(page.getByRole("article").filter({ has: found })).toContainText("Cantină socială");
  expect(await allViolations(page)).toEqual([]);

  // The form to ask for help, below the services.
  const form = page.locator("form").filter({ has: page.getByRole("button", { name: "Trimiteți" }) });
  await form.getByRole("textbox", { name: "De ce aveți nevoie?" }).fill("Bunica mea stă singură și nu mai poate găti.");
  await form.getByRole("textbox", { name: "Pentru cine? (opțional)" }).fill("Maria, 82 de ani");
  await form.getByRole("textbox", { name: "Numele dumneavoastră" }).fill("Ioana");
  await form.getByRole("textbox", { name: "Număr de telefon sau e-mail" }).fill("0722 000 000");
  await form.getByRole("checkbox", { name: /Sunt de acord să fiu contactat/ }).check();
  await form.getByRole("button", { name: "Trimiteți" }).click();

  await expect(page.getByRole("heading", { level: 1, name: "Cererea dumneavoastră a fost primită" })).toBeVisible();
  const status = page.getByRole("status");
  await expect(status).toContainText(/Păstrați acest număr: [A-Z2-9]{4}-[A-Z2-9]{4}\./);
  expect(await allViolations(page)).toEqual([]);
  // Nothing was set to know the resident again.
  expect(await context.cookies()).toEqual([]);
  await context.close();
});

// The public page is the server's (src/services/public_routes.cc): on a phone nothing may make
// it scroll sideways (WCAG 1.4.10, reflow), its six language links included.
test("the public page fits a phone's width", async ({ browser, adminApi, baseURL }) => {
  const community = await someCommunity(adminApi);
  const context = await browser.newContext({ baseURL, viewport: phone, locale: "ro-RO", timezoneId: "Europe/Bucharest" });
  const page = await context.newPage();
  await page.goto(`/directory/${community.code}?lang=ro&q=m%C3%A2ncare`);
  await expect(page.getByRole("heading", { level: 1 })).toContainText(community.name);
  expect(await pageWidth(page)).toBeLessThanOrEqual(phone.width);
  await context.close();
});

test("a social worker finds the request in the queue and opens a case from it @smoke", async ({
  browser,
  adminApi,
  server,
  baseURL,
}) => {
  test.setTimeout(120_000);
  const community = await someCommunity(adminApi);
  const worker = await staffMember(adminApi, community.code, "social_worker", `Ana ${letters()}`);
  const person = await newPerson(adminApi, community.code, "1944-02-11");
  const personName = nameOf(person);
  const need = `Bunica ${letters()} stă singură și nu mai poate găti.`;
  const confirmation = await askForHelp(server, community.code, need, `Ioana ${letters()}`);

  const page = await signInAs(browser, baseURL!, laptop, worker, "en");
  // "Today" says requests wait, and leads to the queue.
  const waiting = page.getByTestId("today-help-requests");
  await expect(waiting).toBeVisible();
  await expect(waiting).toContainText(/requests? for help (is|are) waiting/);
  await waiting.getByRole("link").click();
  await expect(page.getByRole("heading", { level: 1, name: t["intake.listTitle"] })).toBeVisible();
  const row = page.getByTestId("help-request-row").filter({ hasText: confirmation });
  await expect(row).toContainText(need);
  await expect(row.getByRole("link", { name: "0722 000 000" })).toHaveAttribute("href", "tel:0722000000");
  expect(await seriousViolations(page)).toEqual([]);

  await openFromQueue(page, confirmation);
  await expect(page.getByTestId("help-request-facts")).toContainText(need);
  await page.getByRole("button", { name: t["intake.answer.case"] }).click();
  const panel = page.locator("section.answer-panel");
  // Nothing chosen yet: the form says so on the person's search.
  await panel.getByRole("button", { name: t["intake.openCase"] }).click();
  const search = panel.getByRole("searchbox", { name: t["intake.findPerson"] });
  await expect(search).toBeFocused();
  await expect(panel.getByText(t["intake.problem.person_required"]).first()).toBeVisible();
  await search.fill(personName);
  await panel.getByRole("button", { name: fill(t["intake.choosePersonNamed"], { name: personName }) }).click();
  await expect(panel.getByTestId("chosen-person")).toContainText(personName);
  // The opening reason starts from the resident's words.
  await expect(panel.getByLabel(t["cases.field.opening_reason"])).toHaveValue(
    `${fill(t["intake.prefill"], { confirmation })}\n${need}`,
  );
  await panel.getByLabel(t["cases.field.category"]).selectOption("elderly_alone");
  await panel.getByLabel(t["cases.field.risk_level"]).selectOption("medium");
  expect(await seriousViolations(page)).toEqual([]);
  await panel.getByRole("button", { name: t["intake.openCase"] }).click();

  // Answered: the state in words, who answered, and the way to the case.
  await expect(page.getByRole("status").filter({ hasText: /case .* is open/ })).toBeVisible();
  await expect(page.locator("header").getByText(t["intake.state.case"])).toBeVisible();
  const facts = page.getByTestId("help-request-facts");
  await expect(facts).toContainText(worker.name);
  const caseLink = facts.getByTestId("help-request-case");
  await expect(caseLink).toHaveText(/^Case [A-Z0-9]+-\d{4}-\d{6}$/);
  await expect(page.getByRole("button", { name: t["intake.answer.case"] })).toHaveCount(0);
  expect(await seriousViolations(page)).toEqual([]);
  const number = (await caseLink.textContent())!.replace(/^Case /, "");
  await caseLink.click();
  await expect(page.getByRole("heading", { level: 1, name: fill(t["cases.caseTitle"], { number }) })).toBeVisible();

  // Gone from the open queue; among the answered ones, with its outcome.
  await page.goto("/help-requests");
  await expect(page.getByRole("heading", { level: 1, name: t["intake.listTitle"] })).toBeVisible();
  await expect(page.getByTestId("help-request-row").filter({ hasText: confirmation })).toHaveCount(0);
  await page.getByLabel(t["intake.filterLabel"]).selectOption("resolved");
  const answered = page.getByTestId("help-request-row").filter({ hasText: confirmation });
  await expect(answered).toContainText(t["intake.state.case"]);
  await page.context().close();
});

test("a request recorded as an audience with a person registered on the way; one answered meanwhile shows the usual alert (ro, phone)", async ({
  browser,
  adminApi,
  server,
  baseURL,
}) => {
  test.setTimeout(120_000);
  const ro = catalogue("ro");
  const community = await someCommunity(adminApi);
  const worker = await staffMember(adminApi, community.code, "social_worker", `Ana ${letters()}`);
  const colleague = await staffMember(adminApi, community.code, "social_worker", `Radu ${letters()}`);
  const need = `Nu avem lemne de foc pentru iarnă, ${letters()}.`;
  const first = await askForHelp(server, community.code, need, `Vasile ${letters()}`);
  const second = await askForHelp(server, community.code, "Am nevoie de ajutor la acte.", `Ion ${letters()}`);

  const page = await signInAs(browser, baseURL!, phone, worker, "ro");
  await page.goto("/help-requests");
  await expect(page.getByRole("heading", { level: 1, name: ro["intake.listTitle"] })).toBeVisible();
  await page.getByTestId("help-request-row").filter({ hasText: first }).getByRole("link", { name: first }).click();
  await expect(page.getByRole("heading", { level: 1, name: fill(ro["intake.title"], { confirmation: first }) })).toBeVisible();
  expect(await pageWidth(page)).toBeLessThanOrEqual(phone.width);

  await page.getByRole("button", { name: ro["intake.answer.audience"] }).click();
  const panel = page.locator("section.answer-panel");
  await expect(panel.getByRole("heading", { name: ro["intake.audienceTitle"] })).toBeVisible();
  // The person is not in the registry: registered here, in the request's community.
  await panel.getByRole("button", { name: ro["intake.registerPerson"] }).click();
  const family = `Lupu${letters(6).toLowerCase()}`;
  await panel.getByLabel(ro["registry.field.family_name"], { exact: true }).fill(family);
  await panel.getByLabel(ro["registry.field.given_name"], { exact: true }).fill("Vasile");
  await panel.getByLabel(ro["registry.field.birth_date"], { exact: true }).fill("1950-05-02");
  expect(await seriousViolations(page)).toEqual([]);
  await panel.getByRole("button", { name: ro["registry.register"], exact: true }).click();
  await expect(panel.getByTestId("chosen-person")).toContainText(`${family} Vasile`);

  // "What was done" starts from the need; the reason must be chosen.
  await expect(panel.getByLabel(ro["cases.contact.action_taken"])).toHaveValue(
    `${fill(ro["intake.prefill"], { confirmation: first })}\n${need}`,
  );
  await panel.getByRole("button", { name: ro["intake.recordAudience"] }).click();
  const reason = panel.getByLabel(ro["cases.contact.reason"], { exact: true });
  await expect(reason).toBeFocused();
  await expect(reason).toHaveAttribute("aria-invalid", "true");
  await reason.selectOption("housing");
  await panel.getByLabel(ro["cases.contact.outcome"], { exact: true }).selectOption("advice_given");
  expect(await seriousViolations(page)).toEqual([]);
  await panel.getByRole("button", { name: ro["intake.recordAudience"] }).click();
  await expect(
    page.getByRole("status").filter({ hasText: fill(ro["intake.resolved.audience"], { name: `${family} Vasile` }) }),
  ).toBeVisible();
  const facts = page.getByTestId("help-request-facts");
  await expect(facts).toContainText(ro["intake.state.audience"]);
  await facts.getByRole("link", { name: new RegExp(family) }).click();
  await expect(page.getByRole("heading", { level: 1, name: new RegExp(family) })).toBeVisible();
  expect(await pageWidth(page)).toBeLessThanOrEqual(phone.width);

  // The second request is open on the worker's screen when a colleague closes it.
  await page.goto("/help-requests");
  await page.getByTestId("help-request-row").filter({ hasText: second }).getByRole("link", { name: second }).click();
  await expect(page.getByRole("heading", { level: 1, name: fill(ro["intake.title"], { confirmation: second }) })).toBeVisible();
  const asColleague: StaffApi = await staffApi(server, colleague);
  const queue = await asColleague.get(`/api/v1/help-requests?community=${community.code}&limit=200`);
  const open = queue.items.find((item: { confirmation: string }) => item.confirmation === second);
  await asColleague.send(
    "POST",
    `/api/v1/help-requests/${open.id}/resolution`,
    { outcome: "closed", answer: "Sunat și îndrumat la ghișeul de acte." },
    { "If-Match": `"${open.version}"` },
  );
  await asColleague.dispose();
  await page.getByRole("button", { name: ro["intake.answer.closed"] }).click();
  const close = page.locator("section.answer-panel");
  await expect(close.getByRole("heading", { name: ro["intake.closeTitle"] })).toBeVisible();
  await close.getByRole("button", { name: ro["intake.close"] }).click();
  await expect(close.getByText(ro["intake.problem.answer_required"]).first()).toBeVisible();
  await close.getByLabel(ro["intake.answerLabel"]).fill("Am sunat, îl ajutăm mâine.");
  await close.getByRole("button", { name: ro["intake.close"] }).click();
  await expect(page.getByRole("alert").filter({ hasText: ro["intake.stale"] })).toBeVisible();
  await page.getByRole("button", { name: ro["common.reload"] }).click();
  const reloaded = page.getByTestId("help-request-facts");
  await expect(reloaded).toContainText(ro["intake.state.closed"]);
  await expect(reloaded).toContainText("Sunat și îndrumat la ghișeul de acte.");
  await expect(reloaded).toContainText(colleague.name);
  await page.context().close();
});

test("the services map shows the canteen's places for the community", async ({ browser, adminApi, server, baseURL }) => {
  test.setTimeout(120_000);
  const region = (await someCommunity(adminApi)).parent_code!;
  // A community of its own, so that its figures are the canteen's alone.
  const community = await adminApi.send("POST", "/api/v1/territories", {
    code: `${region.split(":")[0]}:${unique("MAP").toUpperCase()}`,
    name: `Comuna ${letters()}`,
    level: "community",
    parent_code: region,
  });
  const { asHead, canteen } = await canteenOf(adminApi, server, community.code, 12);
  const worker = await staffMember(adminApi, community.code, "social_worker", `Ana ${letters()}`);
  const asWorker = await staffApi(server, worker);
  const person = await newPerson(adminApi, community.code, "1940-01-20");
  await asWorker.send("POST", "/api/v1/enrolments", { service_id: canteen.id, person_id: person.id });
  await asWorker.dispose();
  await asHead.dispose();
  const analyst = await staffMember(adminApi, community.code, "analyst", `Dana ${letters()}`);

  const page = await signInAs(browser, baseURL!, laptop, analyst, "en");
  await page.getByRole("navigation", { name: t["nav.label"] }).getByRole("link", { name: t["nav.services"] }).click();
  await expect(page.getByRole("heading", { level: 1, name: t["services.listTitle"] })).toBeVisible();
  // The public page of the analyst's home community, in their language, in a new tab.
  const publicPage = page.getByTestId("public-page-link");
  await expect(publicPage).toContainText(fill(t["services.publicPage"], { community: community.name }));
  await expect(publicPage).toHaveAttribute("href", `/directory/${community.code}?lang=en`);
  await expect(publicPage).toHaveAttribute("target", "_blank");
  const [residents] = await Promise.all([page.waitForEvent("popup"), publicPage.click()]);
  await expect(residents.getByRole("heading", { level: 2, name: canteen.name })).toBeVisible();
  await residents.close();
  await page.getByRole("link", { name: t["services.mapLink"] }).click();
  await expect(page.getByRole("heading", { level: 1, name: t["services.map.title"] })).toBeVisible();

  // It opens on the analyst's home community.
  const table = page.getByRole("table", { name: fill(t["services.map.caption"], { territory: community.name }) });
  await expect(table).toBeVisible();
  const line = table.getByTestId("services-map-row");
  await expect(line).toHaveCount(1);
  await expect(line.getByRole("rowheader", { name: community.name })).toBeVisible();
  await expect(line.getByRole("rowheader", { name: t["services.type.social_canteen"] })).toBeVisible();
  // Services, places, used, free, waiting, longest wait.
  await expect(line.locator("td")).toHaveText(["1", "12", "1", "11", "0", `—${t["services.map.nobodyWaiting"]}`]);
  const totals = page.getByRole("table", { name: fill(t["services.map.totalsCaption"], { territory: community.name }) });
  await expect(totals.getByTestId("services-map-total").locator("td")).toHaveText([
    "1",
    "12",
    "1",
    "11",
    "0",
    `—${t["services.map.nobodyWaiting"]}`,
  ]);
  expect(await seriousViolations(page)).toEqual([]);
  // On a phone the tables scroll within themselves; the page does not.
  await page.setViewportSize(phone);
  await expect(table).toBeVisible();
  expect(await pageWidth(page)).toBeLessThanOrEqual(phone.width);
  await page.context().close();
});
