// A provider's staff: the head of service adds a user with the provider_staff role to the staff
// of a provider; that user's home lists the day centre they work in; they see the persons in
// their places (name, age, what the service needs to know) and the waiting list, mark a person
// present today, and end a place with a reason, which offers it to the next in line. They see
// nothing of the registry. Every screen on the way has no serious axe finding.
import { fill, newPerson, seriousViolations, signInAs, staffApi, staffMember } from "./casework";
import { expect, test } from "./fixtures";
import { catalogue, letters, someCommunity } from "./helpers";

const t = catalogue("en");
const laptop = { width: 1280, height: 800 };
const phone = { width: 390, height: 844 };
/** Whole years since `birthDate`, on the browser's day. */
function ageToday(birthDate: string): number {
  const now = new Date();
  const monthDay = `${String(now.getMonth() + 1).padStart(2, "0")}-${String(now.getDate()).padStart(2, "0")}`;
  return now.getFullYear() - Number(birthDate.slice(0, 4)) - (monthDay < birthDate.slice(5) ? 1 : 0);
}
const nameOf = (person: { family_name: string; given_name: string }) => `${person.family_name} ${person.given_name}`;

test("a provider's staff member marks attendance and ends a place; the next in line is offered it", async ({
  browser,
  adminApi,
  server,
  baseURL,
}) => {
  test.setTimeout(180_000);
  const community = await someCommunity(adminApi);
  const head = await staffMember(adminApi, community.code, "head_of_service", `Elena ${letters()}`);
  const worker = await staffMember(adminApi, community.code, "social_worker", `Ana ${letters()}`);
  const carer = await staffMember(adminApi, community.code, "provider_staff", `Mihai ${letters()}`);
  const first = await newPerson(adminApi, community.code, "1941-02-11");
  const second = await newPerson(adminApi, community.code, "1944-07-30");
  const headApi = await staffApi(server, head);
  const provider = await headApi.send("POST", "/api/v1/providers", {
    territory_code: community.code,
    name: `Asociația ${letters()}`,
    kind: "non_governmental",
  });
  const service = await headApi.send("POST", "/api/v1/services", {
    provider_id: provider.id,
    territory_code: community.code,
    name: `Centrul de zi ${letters()}`,
    type: "day_centre",
    capacity: 1,
  });
  await headApi.dispose();
  const workerApi = await staffApi(server, worker);
  await workerApi.send("POST", "/api/v1/enrolments", {
    service_id: service.id,
    person_id: first.id,
    note: "Uses a wheelchair; diabetic diet.",
  });
  await workerApi.send("POST", "/api/v1/enrolments", { service_id: service.id, person_id: second.id });
  await workerApi.dispose();
  const firstName = nameOf(first);
  const secondName = nameOf(second);

  // The head of service adds the carer to the provider's staff.
  const manager = await signInAs(browser, baseURL!, laptop, head, "en");
  await manager.goto(`/providers/${provider.id}`);
  const staffSection = manager.getByRole("region", { name: t["staff.title"] });
  await expect(staffSection.getByText(t["staff.empty"])).toBeVisible();
  await staffSection.getByLabel(t["staff.find"]).fill(carer.username);
  await staffSection.getByRole("button", { name: t["staff.search"] }).click();
  await staffSection.getByRole("button", { name: fill(t["staff.addNamed"], { name: carer.name }) }).click();
  await expect(manager.getByText(fill(t["staff.added"], { name: carer.name }))).toBeVisible();
  await expect(staffSection.getByTestId("staff-table")).toContainText(carer.username);
  expect(await seriousViolations(manager)).toEqual([]);
  await manager.context().close();

  // The carer's home lists the day centre; the registry is not theirs.
  const page = await signInAs(browser, baseURL!, phone, carer, "en");
  const mine = page.getByTestId("my-services");
  await expect(mine.getByRole("link", { name: service.name })).toBeVisible();
  await expect(mine).toContainText(fill(t["myServices.figures"], { used: "1", capacity: "1", waiting: "1" }));
  // The registry is not theirs: not in the navigation, and refused if opened.
  await expect(page.getByRole("navigation", { name: t["nav.label"] }).getByRole("link", { name: t["nav.services"] })).toHaveCount(1);
  await expect(page.getByRole("navigation", { name: t["nav.label"] }).getByRole("link", { name: t["nav.registry"] })).toHaveCount(0);
  expect(await seriousViolations(page)).toEqual([]);
  await mine.getByRole("link", { name: service.name }).click();
  await expect(page.getByRole("heading", { level: 1, name: service.name })).toBeVisible();
  await expect(page.getByRole("button", { name: t["services.enrol"], exact: true })).toHaveCount(0);
  const places = page.getByTestId("places-table");
  const holder = places.getByTestId("enrolment-row").filter({ hasText: firstName });
  await expect(holder).toContainText("Uses a wheelchair; diabetic diet.");
  await expect(holder).toContainText(fill(t["attendance.age"], { age: String(ageToday("1941-02-11")) }));
  const waiting = page.getByTestId("waiting-table").getByTestId("enrolment-row").filter({ hasText: secondName });
  await expect(waiting).toBeVisible();
  // Withdrawing from the waiting list stays with the social workers.
  await expect(waiting.getByRole("button")).toHaveCount(0);

  // Present today, counted on the month's sheet.
  const sheetRow = page.getByTestId("attendance-row").filter({ hasText: firstName });
  await sheetRow.getByRole("button", { name: t["attendance.presentToday"] }).click();
  await expect(page.getByText(`${firstName}: 1 day present this month.`)).toBeVisible();
  await expect(sheetRow.locator("td").nth(1)).toHaveText("1");
  await expect(sheetRow.getByRole("button", { name: t["attendance.presentToday"] })).toHaveCount(0);
  expect(await seriousViolations(page)).toEqual([]);

  // Ending the place asks why; the place then goes to the next in line.
  await page.getByRole("button", { name: fill(t["services.moveNamed.end"], { name: firstName }) }).click();
  const endForm = page.locator("form").filter({
    has: page.getByRole("heading", { name: fill(t["services.moveNamed.end"], { name: firstName }) }),
  });
  await endForm.getByLabel(t["services.reason.end"], { exact: true }).fill("Moved to residential care.");
  await endForm.getByRole("button", { name: t["services.move.end"], exact: true }).click();
  await expect(
    page.getByText(fill(t["services.stateChanged"], { name: firstName, state: t["services.state.ended"] })),
  ).toBeVisible();
  await expect(places.getByTestId("enrolment-row").filter({ hasText: secondName })).toContainText(t["services.state.offered"]);
  await expect(page.getByText(t["services.waitingEmpty"])).toBeVisible();
  // The ended place keeps its day on this month's sheet.
  await expect(page.getByTestId("attendance-row").filter({ hasText: firstName })).toContainText(
    fill(t["attendance.endedOn"], { date: "" }).trim(),
  );
  expect(await seriousViolations(page)).toEqual([]);
  await page.context().close();

  // The worker who enrolled the second person is told on "Today".
  const social = await signInAs(browser, baseURL!, laptop, worker, "en");
  await expect(social.getByTestId("today-offer").filter({ hasText: secondName })).toBeVisible();
  await social.context().close();
});
