// A referral to a service of the catalogue, from the case file: the worker finds the service by
// name, refers the case to it, and enrols the case's person from the referral. The service is
// full, so the referral waits with the enrolment; when the place frees, the offer answers the
// referral.
import { fill, newPerson, seriousViolations, signInAs, staffApi, staffMember } from "./casework";
import { expect, test } from "./fixtures";
import { catalogue, letters, someCommunity } from "./helpers";

const t = catalogue("en");

test("a case refers to a catalogue service, enrols from the referral, and the answer follows", async ({
  browser,
  adminApi,
  server,
  baseURL,
}) => {
  test.setTimeout(120_000);
  const community = await someCommunity(adminApi);
  const head = await staffMember(adminApi, community.code, "head_of_service", `Elena ${letters()}`);
  const worker = await staffMember(adminApi, community.code, "social_worker", `Ana ${letters()}`);
  const asHead = await staffApi(server, head);
  const asWorker = await staffApi(server, worker);
  const serviceName = `Cantina ${letters()}`;
  const provider = await asHead.send("POST", "/api/v1/providers", { territory_code: community.code, name: `DAS ${letters()}`, kind: "public" });
  const service = await asHead.send("POST", "/api/v1/services", {
    provider_id: provider.id,
    territory_code: community.code,
    name: serviceName,
    type: "social_canteen",
    capacity: 1,
  });
  // Someone else holds the only place.
  const holder = await asWorker.send("POST", "/api/v1/enrolments", { service_id: service.id, person_id: (await newPerson(adminApi, community.code, "1940-01-01")).id });
  const person = await newPerson(adminApi, community.code, "1942-05-05");
  const opened = await asWorker.send("POST", "/api/v1/cases", { person_id: person.id, category: "elderly_alone", risk_level: "medium", opening_reason: "No hot meal" });

  const page = await signInAs(browser, baseURL!, { width: 1280, height: 800 }, worker, "en");
  await page.goto(`/cases/${opened.id}`);
  await page.getByRole("tab", { name: t["cases.tab.referrals"] }).click();
  await page.getByRole("textbox", { name: t["cases.findService"], exact: true }).fill(serviceName);
  await page.getByRole("button", { name: t["cases.searchServices"] }).click();
  await page.getByRole("button", { name: fill(t["cases.chooseServiceNamed"], { name: serviceName }) }).click();
  await expect(page.getByTestId("chosen-service")).toContainText(serviceName);
  await page.getByRole("button", { name: t["cases.addReferral"] }).click();

  const referral = page.getByTestId("referral").filter({ hasText: serviceName });
  await expect(referral.getByText(t["cases.answer.pending"], { exact: true })).toBeVisible();
  await expect(referral.getByTestId("service-figures")).toBeVisible();
  await referral.getByRole("button", { name: fill(t["cases.enrolFromReferralNamed"], { service: serviceName }) }).click();
  await referral.getByRole("button", { name: t["services.enrolSubmit"] }).click();
  // Full: the enrolment waits, first in line, and so does the referral.
  await expect(referral.getByText(t["cases.answer.waiting_list"], { exact: true })).toBeVisible();
  await expect(referral.getByTestId("referral-enrolment")).toContainText(t["services.state.waiting"]);
  await expect(referral.getByTestId("referral-enrolment")).toContainText(fill(t["services.position"], { position: "1" }));
  expect(await seriousViolations(page)).toEqual([]);

  // The place frees: it is offered to the case's person, and the referral is accepted.
  await asWorker.send("POST", `/api/v1/enrolments/${holder.id}/transitions`, { to: "ended", reason: "Moved away" }, { "If-Match": `"${holder.version}"` });
  await page.reload();
  await page.getByRole("tab", { name: t["cases.tab.referrals"] }).click();
  await expect(referral.getByText(t["cases.answer.accepted"], { exact: true })).toBeVisible();
  await expect(referral.getByTestId("referral-enrolment")).toContainText(t["services.state.offered"]);
  await asHead.dispose();
  await asWorker.dispose();
});
