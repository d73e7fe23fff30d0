// The monthly activity report: in a community of its own, a social worker opens a case and does a
// home visit. The head of service opens the report for the month, finds both, unfolds the cases by
// category, opens the records behind the home visits and reaches the person, downloads the PDF,
// and reads the home visits' trend on the dashboard as a table. An analyst of the community sees
// the same small figures hidden, with the banner that says why, and no way to the records. An
// administrator maps a figure and the community to DHIS2 (a wrong uid refused at its field) and
// the dry run counts what would be sent.
import { fill, newPerson, seriousViolations, signInAs, staffApi, staffMember } from "./casework";
import { ADMIN_PASSWORD, ADMIN_USERNAME, expect, installationToday, test, type AdminApi } from "./fixtures";
import { catalogue, letters, signIn, someCommunity, unique } from "./helpers";

const t = catalogue("en");
const laptop = { width: 1280, height: 800 };

/** Today as the server and the browser count it. */
const serverToday = installationToday;

/** The month the browser's reports speak of: `MM/YYYY` in English, as formatMonth writes it. */
function englishMonth(month: string): string {
  const [year, m] = month.split("-");
  return `${m}/${year}`;
}

/**
 * A new community under the test installation's region, so that its figures are this test's alone;
 * its code is short enough to be its case-number prefix (at most 12 letters and digits).
 */
async function freshCommunity(adminApi: AdminApi) {
  const region = (await someCommunity(adminApi)).parent_code!;
  return adminApi.send("POST", "/api/v1/territories", {
    code: `${region.split(":")[0]}:${unique("RP").toUpperCase()}`,
    name: `Comuna ${letters()}`,
    level: "community",
    parent_code: region,
  });
}

test("a head of service reads the month's figures, opens the records behind one and downloads the report @smoke", async ({
  browser,
  adminApi,
  baseURL,
  server,
}) => {
  test.setTimeout(180_000);
  const community = await freshCommunity(adminApi);
  const worker = await staffMember(adminApi, community.code, "social_worker", `Ana ${letters()}`);
  const head = await staffMember(adminApi, community.code, "head_of_service", `Elena ${letters()}`);
  const person = await newPerson(adminApi, community.code);
  const asWorker = await staffApi(server, worker);
  await asWorker.send("POST", "/api/v1/cases", {
    person_id: person.id,
    category: "child_at_risk",
    risk_level: "high",
    opening_reason: "The children are alone at home at night.",
  });
  await asWorker.send("POST", "/api/v1/contacts", {
    kind: "home_visit",
    person_id: person.id,
    date: serverToday(),
    reason: "child_welfare",
    present: "Mother, two sons",
    observations: "No heating in the children's room.",
    next_steps: "Ask for heating aid.",
  });
  await asWorker.dispose();
  const month = serverToday().slice(0, 7);

  const page = await signInAs(browser, baseURL!, laptop, head, "en");
  const nav = page.getByRole("navigation", { name: t["nav.label"] });
  await nav.getByRole("link", { name: t["nav.reports"] }).click();
  await expect(page.getByRole("heading", { level: 1, name: t["reports.title"] })).toBeVisible();
  // The head's own community is chosen already; the month opens on the previous one.
  await expect(page.getByRole("combobox", { name: t["reports.territory"], exact: true })).toHaveValue(community.code);
  await page.getByTestId("report-month").fill(month);
  await expect(page.getByTestId("report-heading")).toHaveText(
    fill(t["reports.heading"], { territory: community.name, month: englishMonth(month) }),
  );
  // A head of service sees every figure: no suppression.
  await expect(page.getByTestId("suppression-banner")).toHaveCount(0);

  const visits = page.getByTestId("figure-home_visits_done");
  await expect(visits.getByRole("rowheader")).toHaveText(t["reports.indicator.home_visits_done"]);
  await expect(visits.getByTestId("value")).toHaveText("1");
  await expect(page.getByTestId("figure-cases_opened").getByTestId("value")).toHaveText("1");
  await expect(page.getByTestId("figure-cases_active").getByTestId("value")).toHaveText("1");
  await expect(page.getByTestId("figure-home_visits_missed").getByTestId("value")).toHaveText("0");

  // The cases opened, by category: folded until asked for.
  const opened = page.getByTestId("figure-cases_opened");
  const unfold = opened.getByRole("button", { name: new RegExp(t["reports.indicator.cases_opened"]) });
  await expect(unfold).toHaveAttribute("aria-expanded", "false");
  const childAtRisk = page.getByTestId("section-cases").getByTestId("breakdown-child_at_risk").first();
  await expect(childAtRisk).toBeHidden();
  await unfold.click();
  await expect(unfold).toHaveAttribute("aria-expanded", "true");
  await expect(childAtRisk).toBeVisible();
  await expect(childAtRisk.getByRole("rowheader")).toHaveText(t["cases.category.child_at_risk"]);
  await expect(childAtRisk.getByTestId("value")).toHaveText("1");
  expect(await seriousViolations(page)).toEqual([]);

  // The PDF: a real PDF file, downloaded from a plain link.
  const pdf = page.getByTestId("export-pdf");
  const [download] = await Promise.all([page.waitForEvent("download"), pdf.click()]);
  expect(download.suggestedFilename()).toMatch(/\.pdf$/);
  const file = await page.request.get((await pdf.getAttribute("href"))!);
  expect(file.status()).toBe(200);
  expect(file.headers()["content-type"]).toContain("application/pdf");
  expect((await file.body()).subarray(0, 5).toString("latin1")).toBe("%PDF-");

  // The records behind the home visits: the person visited, and on to their page.
  await visits
    .getByTestId("value")
    .getByRole("link", {
      name: fill(t["reports.openRecords"], { figure: t["reports.indicator.home_visits_done"], month: englishMonth(month) }),
    })
    .click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(
    fill(t["reports.records.title"], {
      figure: t["reports.indicator.home_visits_done"],
      territory: community.name,
      month: englishMonth(month),
    }),
  );
  const rows = page.getByTestId("record-row");
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText(community.name);
  await expect(rows.first()).toContainText(t["cases.contactKind.home_visit"]);
  await rows.first().getByRole("link", { name: new RegExp(person.family_name) }).click();
  await expect(page.getByRole("heading", { level: 1, name: new RegExp(person.family_name) })).toBeVisible();

  // The dashboard: the home visits' trend, and the same figures as a table.
  await nav.getByRole("link", { name: t["nav.dashboard"] }).click();
  await expect(page.getByRole("heading", { level: 1, name: t["reports.dashboardTitle"] })).toBeVisible();
  await page.getByTestId("report-month").fill(month);
  const trend = page.getByTestId("trend-home_visits_done");
  await expect(trend.locator("canvas")).toHaveAttribute("role", "img");
  await expect(trend.locator("canvas")).toHaveAttribute("aria-label", new RegExp(t["reports.indicator.home_visits_done"]));
  const table = trend.getByRole("table");
  await expect(table).toBeHidden();
  await trend.getByText(t["reports.showTable"]).click();
  await expect(table).toBeVisible();
  await expect(table.getByRole("row")).toHaveCount(13);
  const thisMonth = table.getByRole("row").filter({ has: page.getByRole("rowheader", { name: englishMonth(month), exact: true }) });
  await expect(thisMonth.getByRole("cell")).toHaveText("1");
  // Two years at a click.
  await page.getByTestId("period-24").click();
  await expect(page.getByTestId("period-24")).toHaveAttribute("aria-pressed", "true");
  await expect(page.getByTestId("trend-home_visits_done").getByRole("table").getByRole("row")).toHaveCount(25);
  expect(await seriousViolations(page)).toEqual([]);
  await page.context().close();
});

test("an analyst sees small figures hidden, told why, and cannot open the records behind them", async ({
  browser,
  adminApi,
  baseURL,
  server,
}) => {
  test.setTimeout(120_000);
  const community = await freshCommunity(adminApi);
  const worker = await staffMember(adminApi, community.code, "social_worker", `Ana ${letters()}`);
  const analyst = await staffMember(adminApi, community.code, "analyst", `Dana ${letters()}`);
  const person = await newPerson(adminApi, community.code);
  const asWorker = await staffApi(server, worker);
  await asWorker.send("POST", "/api/v1/contacts", {
    kind: "home_visit",
    person_id: person.id,
    date: serverToday(),
    reason: "elderly_care",
    present: "The grandmother",
    observations: "Lives alone, walks with a stick.",
    next_steps: "Home care.",
  });
  await asWorker.dispose();
  const month = serverToday().slice(0, 7);

  const page = await signInAs(browser, baseURL!, laptop, analyst, "en");
  await page.goto(`/reports?territory=${encodeURIComponent(community.code)}&month=${month}`);
  await expect(page.getByTestId("report-heading")).toHaveText(
    fill(t["reports.heading"], { territory: community.name, month: englishMonth(month) }),
  );
  await expect(page.getByTestId("suppression-banner")).toHaveText(fill(t["reports.suppressionBanner"], { threshold: "5" }));

  // One home visit is fewer than five: hidden, with words for screen readers and a tooltip.
  const visits = page.getByTestId("figure-home_visits_done").getByTestId("value");
  const mark = visits.getByTestId("suppressed");
  await expect(mark).toBeVisible();
  await expect(mark).toContainText("<5");
  await expect(mark).toHaveAttribute("title", fill(t["reports.suppressedValue"], { threshold: "5" }));
  await expect(mark.locator(".visually-hidden")).toHaveText(fill(t["reports.suppressedValue"], { threshold: "5" }));
  // Nothing happened is no secret: a zero stays a zero.
  await expect(page.getByTestId("figure-cases_opened").getByTestId("value")).toHaveText("0");
  // No figure opens the records.
  await expect(page.locator(".report-table").getByRole("link")).toHaveCount(0);
  expect(await seriousViolations(page)).toEqual([]);

  // Nor does the records' address.
  await page.goto(`/reports/records?territory=${encodeURIComponent(community.code)}&month=${month}&indicator=home_visits_done`);
  await expect(page.getByRole("heading", { level: 1, name: t["error.forbiddenTitle"] })).toBeVisible();
  await page.context().close();
});

test("an administrator maps a figure and a community to DHIS2, and the dry run counts what would be sent", async ({
  page,
  adminApi,
}) => {
  const community = await freshCommunity(adminApi);
  const month = serverToday().slice(0, 7);
  await page.goto("/");
  await signIn(page, ADMIN_USERNAME, ADMIN_PASSWORD);
  await page.getByRole("navigation", { name: t["nav.label"] }).getByRole("link", { name: t["nav.dhis2"] }).click();
  await expect(page.getByRole("heading", { level: 1, name: t["dhis2.title"] })).toBeVisible();

  await page.getByTestId("add-data-element").click();
  const row = page.getByTestId("data-element-row").last();
  await row.getByLabel(t["dhis2.indicator"], { exact: true }).selectOption("home_visits_done");
  const element = row.getByLabel(t["dhis2.dataElement"], { exact: true });
  await element.fill("1notAUid");
  await page.getByTestId("add-org-unit").click();
  const unit = page.getByTestId("org-unit-row").last();
  await unit.getByLabel(t["dhis2.territoryCode"], { exact: true }).fill(community.code);
  await unit.getByLabel(t["dhis2.orgUnit"], { exact: true }).fill("DiszpKrYNg8");
  await page.getByRole("button", { name: t["common.save"] }).click();
  // The server's refusal stands next to the field at fault, which gets the focus.
  await expect(element).toHaveAttribute("aria-invalid", "true");
  await expect(element).toBeFocused();
  await expect(page.getByRole("alert").filter({ hasText: t["form.notSaved"] })).toBeVisible();

  await element.fill("fbfJHSPpUQD");
  await page.getByRole("button", { name: t["common.save"] }).click();
  await expect(page.getByRole("status").filter({ hasText: t["dhis2.saved"] })).toBeVisible();
  const saved = await adminApi.get("/api/v1/reports/dhis2/mapping");
  expect(saved.data_elements).toContainEqual(
    expect.objectContaining({ indicator: "home_visits_done", data_element: "fbfJHSPpUQD", category_option_combo: "HllvX50cXC0" }),
  );
  expect(saved.org_units).toContainEqual({ territory_code: community.code, org_unit: "DiszpKrYNg8" });

  await page.goto(`/reports?territory=${encodeURIComponent(community.code)}&month=${month}`);
  await page.getByTestId("dhis2-dry-run").click();
  const result = page.getByTestId("dry-run-result");
  // The community's home visits, a zero, would be sent; its other figures have no data element.
  await expect(result).toContainText("1 value would be sent.");
  await expect(result).toContainText(t["reports.indicator.audiences"]);
});
