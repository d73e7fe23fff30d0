// Social services: a head of service registers a provider and a day centre with one place; a
// social worker enrols two persons (the first gets the place, the second goes to the waiting
// list), ends the first one's enrolment, and the place is offered to the second, who shows on
// the worker's "Today" and accepts it. Then the forms' own errors, a person living outside the
// places a service serves, the licence flags of the list and a change made meanwhile by someone
// else. Every screen on the way has no serious axe finding.
import type { Page } from "@playwright/test";
import { fill, isoDay, newPerson, seriousViolations, signInAs, staffApi, staffMember } from "./casework";
import { expect, test } from "./fixtures";
import { catalogue, letters, someCommunity, unique } from "./helpers";

const t = catalogue("en");
const laptop = { width: 1280, height: 800 };
const phone = { width: 390, height: 844 };

/** The person's name as the registry and the enrolments write it: family name first. */
const nameOf = (person: { family_name: string; given_name: string }) => `${person.family_name} ${person.given_name}`;

async function pageWidth(page: Page): Promise<number> {
  return page.evaluate(() => Math.max(document.documentElement.scrollWidth, document.body.scrollWidth));
}

/** Enrols `name` from the open service page with the registry's person search. */
async function enrol(page: Page, name: string, tr: Record<string, string> = t) {
  await page.getByRole("button", { name: tr["services.enrol"], exact: true }).click();
  const form = page.locator("form").filter({ has: page.getByRole("heading", { name: tr["services.enrol"] }) });
  await form.getByRole("searchbox", { name: tr["services.findPerson"] }).fill(name);
  await form.getByRole("button", { name: fill(tr["services.choosePersonNamed"], { name }) }).click();
  await expect(form.getByTestId("chosen-person")).toContainText(name);
  return form;
}

test("a service with one place: enrolled, waiting list, the place offered on Today and accepted @smoke", async ({
  browser,
  adminApi,
  baseURL,
}) => {
  test.setTimeout(180_000);
  const community = await someCommunity(adminApi);
  const head = await staffMember(adminApi, community.code, "head_of_service", `Elena ${letters()}`);
  const worker = await staffMember(adminApi, community.code, "social_worker", `Ana ${letters()}`);
  const first = await newPerson(adminApi, community.code, "1941-02-11");
  const second = await newPerson(adminApi, community.code, "1944-07-30");
  const providerName = `Asociația ${letters()}`;
  const serviceName = `Centrul de zi ${letters()}`;

  // The head of service registers the provider and its day centre, with one place.
  const manager = await signInAs(browser, baseURL!, laptop, head, "en");
  const nav = manager.getByRole("navigation", { name: t["nav.label"] });
  await nav.getByRole("link", { name: t["nav.providers"] }).click();
  await expect(manager.getByRole("heading", { level: 1, name: t["providers.title"] })).toBeVisible();
  await manager.getByRole("link", { name: t["providers.new"] }).click();
  await expect(manager.getByRole("heading", { level: 1, name: t["providers.newTitle"] })).toBeVisible();
  // The form says what is missing, next to the field, before anything is sent.
  await manager.getByRole("button", { name: t["providers.create"] }).click();
  const providerTerritory = manager.getByRole("combobox", { name: t["providers.field.territory"], exact: true });
  await expect(providerTerritory).toBeFocused();
  await expect(manager.getByText(t["services.problem.territory_required"]).first()).toBeVisible();
  await manager.getByRole("searchbox", { name: t["services.searchTerritory"] }).fill(community.code);
  await expect(providerTerritory.locator(`option[value="${community.code}"]`)).toHaveCount(1);
  await providerTerritory.selectOption(community.code);
  await manager.getByLabel(t["providers.field.name"], { exact: true }).fill(providerName);
  await manager.getByLabel(t["providers.field.kind"], { exact: true }).selectOption("non_governmental");
  await manager.getByLabel(t["providers.field.phone"], { exact: true }).fill("+40 258 811 200");
  expect(await seriousViolations(manager)).toEqual([]);
  await manager.getByRole("button", { name: t["providers.create"] }).click();
  await expect(manager.getByRole("heading", { level: 1, name: providerName })).toBeVisible();
  await expect(manager.getByText(fill(t["providers.created"], { name: providerName }))).toBeVisible();
  await expect(manager.getByText(t["providers.servicesEmpty"])).toBeVisible();

  await manager.getByRole("link", { name: t["providers.addService"] }).click();
  await expect(manager.getByRole("heading", { level: 1, name: t["services.newTitle"] })).toBeVisible();
  // Started from the provider: the provider and its territory are chosen already.
  await expect(manager.getByRole("combobox", { name: t["services.field.provider"], exact: true })).not.toHaveValue("");
  await expect(manager.getByRole("combobox", { name: t["services.field.territory"], exact: true })).toHaveValue(
    community.code,
  );
  await manager.getByLabel(t["services.field.name"], { exact: true }).fill(serviceName);
  await manager.getByLabel(t["services.field.type"], { exact: true }).selectOption("day_centre");
  await manager.getByLabel(t["services.field.capacity"], { exact: true }).fill("1");
  await manager.getByLabel(t["services.targetGroup.elderly"], { exact: true }).check();
  await manager.getByLabel(t["registry.spokenLanguage.ro"], { exact: true }).check();
  await manager.getByLabel(t["services.field.opening_hours"], { exact: true }).fill("Mon–Fri 8:00–16:00");
  expect(await seriousViolations(manager)).toEqual([]);
  await manager.getByRole("button", { name: t["services.create"] }).click();
  await expect(manager.getByRole("heading", { level: 1, name: serviceName })).toBeVisible();
  await expect(manager.getByText(fill(t["services.created"], { name: serviceName }))).toBeVisible();
  await expect(manager.getByTestId("service-figures")).toHaveText("0 of 1 place used, nobody waiting");
  await expect(manager.getByTestId("service-facts")).toContainText(providerName);
  await expect(manager.getByTestId("service-facts")).toContainText(t["services.targetGroup.elderly"]);
  await manager.context().close();

  // The social worker finds it in the catalogue and enrols the first person: a place.
  const page = await signInAs(browser, baseURL!, laptop, worker, "en");
  await expect(page.getByText(t["today.offersEmpty"])).toBeVisible();
  await page.getByRole("navigation", { name: t["nav.label"] }).getByRole("link", { name: t["nav.services"] }).click();
  await expect(page.getByRole("heading", { level: 1, name: t["services.listTitle"] })).toBeVisible();
  // Only holders of service.manage add services.
  await expect(page.getByRole("link", { name: t["services.new"] })).toHaveCount(0);
  await page.getByRole("searchbox", { name: t["services.searchName"] }).fill(serviceName);
  await page.getByRole("button", { name: t["common.search"] }).click();
  const row = page.getByTestId("service-row").filter({ hasText: serviceName });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText("0 / 1");
  await expect(row).toContainText(t["services.licenceFlag.none"]);
  expect(await seriousViolations(page)).toEqual([]);
  await row.getByRole("link", { name: serviceName }).click();
  await expect(page.getByRole("heading", { level: 1, name: serviceName })).toBeVisible();
  await expect(page.getByText(t["services.placesEmpty"])).toBeVisible();
  await expect(page.getByText(t["services.waitingEmpty"])).toBeVisible();

  const firstName = nameOf(first);
  const secondName = nameOf(second);
  let form = await enrol(page, firstName);
  expect(await seriousViolations(page)).toEqual([]);
  await form.getByRole("button", { name: t["services.enrolSubmit"] }).click();
  await expect(page.getByText(fill(t["services.enrolledActive"], { name: firstName }))).toBeVisible();
  const places = page.getByTestId("places-table");
  await expect(places.getByTestId("enrolment-row").filter({ hasText: firstName })).toContainText(t["services.state.active"]);
  await expect(page.getByTestId("service-figures")).toHaveText("1 of 1 place used, nobody waiting");

  // The second one, urgent, finds the service full: the waiting list, first in line.
  form = await enrol(page, secondName);
  await form.getByLabel(t["services.field.priority"], { exact: true }).selectOption("urgent");
  await form.getByLabel(t["services.field.note"], { exact: true }).fill("Lives alone since the winter.");
  await form.getByRole("button", { name: t["services.enrolSubmit"] }).click();
  await expect(
    page.getByText(fill(t["services.enrolledWaiting"], { name: secondName, position: "1" })),
  ).toBeVisible();
  const waiting = page.getByTestId("waiting-table");
  const secondWaits = waiting.getByTestId("enrolment-row").filter({ hasText: secondName });
  await expect(secondWaits.locator("td").first()).toHaveText("1");
  await expect(secondWaits).toContainText(t["services.priority.urgent"]);
  await expect(secondWaits).toContainText("Lives alone since the winter.");
  await expect(page.getByTestId("service-figures")).toContainText("1 of 1 place used, 1 waiting, longest wait 0 days");
  expect(await seriousViolations(page)).toEqual([]);

  // Ending the first one's enrolment asks why; then the place is offered to the second.
  await page.getByRole("button", { name: fill(t["services.moveNamed.end"], { name: firstName }) }).click();
  const endForm = page.locator("form").filter({
    has: page.getByRole("heading", { name: fill(t["services.moveNamed.end"], { name: firstName }) }),
  });
  const reason = endForm.getByLabel(t["services.reason.end"], { exact: true });
  await expect(reason).toBeFocused();
  await endForm.getByRole("button", { name: t["services.move.end"], exact: true }).click();
  await expect(endForm.getByText(t["services.problem.reason_required"]).first()).toBeVisible();
  await reason.fill("Moved to her daughter's in Cluj.");
  expect(await seriousViolations(page)).toEqual([]);
  await endForm.getByRole("button", { name: t["services.move.end"], exact: true }).click();
  await expect(
    page.getByText(fill(t["services.stateChanged"], { name: firstName, state: t["services.state.ended"] })),
  ).toBeVisible();
  await expect(places.getByTestId("enrolment-row").filter({ hasText: firstName })).toHaveCount(0);
  const offered = places.getByTestId("enrolment-row").filter({ hasText: secondName });
  await expect(offered).toContainText(t["services.state.offered"]);
  await expect(page.getByText(t["services.waitingEmpty"])).toBeVisible();

  // The worker who enrolled the second person sees the offer on "Today", leading to the service.
  await page.getByRole("navigation", { name: t["nav.label"] }).getByRole("link", { name: t["nav.workspace"] }).click();
  const offer = page.getByTestId("today-offer").filter({ hasText: secondName });
  await expect(offer).toBeVisible();
  await expect(offer).toContainText(fill(t["services.offeredOn"], { date: "" }).trim());
  expect(await seriousViolations(page)).toEqual([]);
  await offer.getByRole("link", { name: serviceName }).click();
  await expect(page.getByRole("heading", { level: 1, name: serviceName })).toBeVisible();

  // The place accepted: active.
  await page.getByRole("button", { name: fill(t["services.moveNamed.accept"], { name: secondName }) }).click();
  await expect(
    page.getByText(fill(t["services.stateChanged"], { name: secondName, state: t["services.state.active"] })),
  ).toBeVisible();
  await expect(places.getByTestId("enrolment-row").filter({ hasText: secondName })).toContainText(
    t["services.state.active"],
  );
  await expect(page.getByTestId("service-figures")).toHaveText("1 of 1 place used, nobody waiting");

  // Today has no offer left; the person's card lists the service.
  await page.getByRole("navigation", { name: t["nav.label"] }).getByRole("link", { name: t["nav.workspace"] }).click();
  await expect(page.getByTestId("today-offer").filter({ hasText: secondName })).toHaveCount(0);
  await page.goto(`/registry/persons/${second.id}`);
  const services = page.getByRole("list", { name: t["services.personCaption"] });
  await expect(services.getByTestId("person-enrolment").filter({ hasText: serviceName })).toContainText(
    t["services.state.active"],
  );
  expect(await seriousViolations(page)).toEqual([]);
  await services.getByRole("link", { name: serviceName }).click();
  await expect(page.getByRole("heading", { level: 1, name: serviceName })).toBeVisible();
  await page.context().close();
});

test("the forms say what is wrong; outside the area a reason is asked; licences are flagged; a stale change is refused (ro, phone)", async ({
  browser,
  adminApi,
  server,
  baseURL,
}) => {
  test.setTimeout(180_000);
  const ro = catalogue("ro");
  const community = await someCommunity(adminApi);
  const head = await staffMember(adminApi, community.code, "head_of_service", `Elena ${letters()}`);
  const settlement = await adminApi.send("POST", "/api/v1/territories", {
    code: `${community.code.split(":")[0]}:${unique("SVC").toUpperCase()}`,
    name: `Valea ${letters()}`,
    level: "settlement",
    parent_code: community.code,
  });
  const asHead = await staffApi(server, head);
  const provider = await asHead.send("POST", "/api/v1/providers", {
    territory_code: community.code,
    name: `Fundația ${letters()}`,
    kind: "private",
  });
  const tag = letters();
  const serves = (name: string, extra: Record<string, unknown>) =>
    asHead.send("POST", "/api/v1/services", {
      provider_id: provider.id,
      territory_code: community.code,
      name: `${name} ${tag}`,
      type: "social_canteen",
      capacity: 5,
      ...extra,
    });
  const local = await serves("Cantina Valea", { settlement_codes: [settlement.code] });
  const expiring = await serves("Cantina Centru", { licence_number: "L-7", licence_valid_until: isoDay(30) });
  await serves("Cantina Veche", { licence_number: "L-1", licence_valid_until: isoDay(-1) });
  // The person lives in the community, not in the one settlement the canteen serves.
  const person = await newPerson(adminApi, community.code);
  const personName = nameOf(person);

  const page = await signInAs(browser, baseURL!, phone, head, "ro");

  // The list flags the licences in words: expiring soon and expired.
  await page.goto(`/services?q=${encodeURIComponent(tag)}`);
  await expect(page.getByRole("heading", { level: 1, name: ro["services.listTitle"] })).toBeVisible();
  await expect(page.getByTestId("service-row")).toHaveCount(3);
  await expect(page.getByTestId("service-row").filter({ hasText: "Cantina Centru" })).toContainText(
    ro["services.licenceFlag.expiring"],
  );
  await expect(page.getByTestId("service-row").filter({ hasText: "Cantina Veche" })).toContainText(
    ro["services.licenceFlag.expired"],
  );
  await page.getByLabel(ro["services.field.licence_status"], { exact: true }).selectOption("expired");
  await expect(page.getByTestId("service-row")).toHaveCount(1);
  await expect(page.getByTestId("service-row")).toContainText("Cantina Veche");
  expect(await seriousViolations(page)).toEqual([]);
  expect(await pageWidth(page)).toBeLessThanOrEqual(phone.width);
  // An expired licence takes no enrolment.
  await page.getByRole("link", { name: `Cantina Veche ${tag}` }).click();
  await expect(page.getByText(ro["services.noEnrolExpired"])).toBeVisible();
  await expect(page.getByRole("button", { name: ro["services.enrol"], exact: true })).toHaveCount(0);

  // A new service: what is missing is said next to its field, and a price when it is not free.
  await page.goto("/services/new");
  await page.getByRole("button", { name: ro["services.create"] }).click();
  await expect(page.getByRole("combobox", { name: ro["services.field.provider"], exact: true })).toBeFocused();
  await expect(page.getByText(ro["services.problem.provider_required"]).first()).toBeVisible();
  await page.getByRole("searchbox", { name: ro["services.providerSearch"] }).fill(provider.name);
  const providers = page.getByRole("combobox", { name: ro["services.field.provider"], exact: true });
  await expect(providers.locator(`option[value="${provider.id}"]`)).toHaveCount(1);
  await providers.selectOption(provider.id);
  await expect(page.getByRole("combobox", { name: ro["services.field.territory"], exact: true })).toHaveValue(
    community.code,
  );
  await page.getByLabel(ro["services.field.name"], { exact: true }).fill(`Transport ${tag}`);
  await page.getByLabel(ro["services.field.type"], { exact: true }).selectOption("transport");
  await page.getByLabel(ro["services.field.capacity"], { exact: true }).fill("3");
  await page.getByLabel(ro["services.freeCheck"], { exact: true }).uncheck();
  await page.getByRole("button", { name: ro["services.create"] }).click();
  const price = page.getByLabel(ro["services.field.price"], { exact: true });
  await expect(price).toBeFocused();
  await expect(page.getByText(ro["services.problem.price_required"]).first()).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  expect(await pageWidth(page)).toBeLessThanOrEqual(phone.width);
  await price.fill("10 lei pe drum");
  await page.getByRole("button", { name: ro["services.create"] }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Transport ${tag}` })).toBeVisible();
  await expect(page.getByTestId("service-facts")).toContainText("10 lei pe drum");

  // Outside the places the canteen serves: the server's warning opens the reason, then it enrols.
  await page.goto(`/services/${local.id}`);
  await expect(page.getByTestId("service-facts")).toContainText(settlement.name);
  const form = await enrol(page, personName, ro);
  await form.getByRole("button", { name: ro["services.enrolSubmit"] }).click();
  const why = form.getByLabel(ro["services.field.outside_area_reason"], { exact: true });
  await expect(why).toBeFocused();
  await expect(why).toHaveAttribute("aria-invalid", "true");
  expect(await seriousViolations(page)).toEqual([]);
  await why.fill("Lucrează zilnic în Valea, lângă cantină.");
  await form.getByRole("button", { name: ro["services.enrolSubmit"] }).click();
  await expect(page.getByText(fill(ro["services.enrolledActive"], { name: personName }))).toBeVisible();
  const enrolled = page.getByTestId("places-table").getByTestId("enrolment-row").filter({ hasText: personName });
  await expect(enrolled).toContainText("Lucrează zilnic în Valea, lângă cantină.");
  expect(await pageWidth(page)).toBeLessThanOrEqual(phone.width);

  // Someone else changes the service while it is being edited: the usual alert, and a reload.
  await page.goto(`/services/${expiring.id}/edit`);
  const capacity = page.getByLabel(ro["services.field.capacity"], { exact: true });
  await expect(capacity).toHaveValue("5");
  await asHead.send("PATCH", `/api/v1/services/${expiring.id}`, { capacity: 6 }, { "If-Match": `"${expiring.version}"` });
  await capacity.fill("8");
  await page.getByRole("button", { name: ro["common.save"] }).click();
  await expect(page.getByRole("alert").filter({ hasText: ro["services.stale"] })).toBeVisible();
  await page.getByRole("button", { name: ro["common.reload"] }).click();
  await expect(capacity).toHaveValue("6");
  await capacity.fill("8");
  await page.getByRole("button", { name: ro["common.save"] }).click();
  await expect(page.getByText(ro["services.saved"])).toBeVisible();
  await expect(page.getByTestId("service-facts")).toContainText("8");
  await asHead.dispose();
  await page.context().close();
});
