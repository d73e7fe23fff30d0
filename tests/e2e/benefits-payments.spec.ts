// Payment lists: two households hold approved decisions of a monthly programme; a benefits
// officer generates the month's list from the Payments screen, sees its totals, downloads the
// XLSX for the bank (a real spreadsheet file), is told which line of a wrong bank file is wrong
// (nothing applied), then applies the bank's answer: one line paid, one returned. The household's
// page shows its payment. Every screen on the way has no serious axe finding.
import { newPerson, seriousViolations, signInAs, staffApi, staffMember } from "./casework";
import { expect, installationToday, test } from "./fixtures";
import { catalogue, letters, someCommunity } from "./helpers";

const t = catalogue("en");
const laptop = { width: 1280, height: 800 };

test("a month's payment list: generated, downloaded as XLSX, confirmed by the bank file line by line @smoke", async ({
  browser,
  adminApi,
  baseURL,
  server,
}) => {
  test.setTimeout(180_000);
  const community = await someCommunity(adminApi);
  const officer = await staffMember(adminApi, community.code, "benefits_officer", `Dan ${letters()}`);
  const programmeName = `Ajutor lunar ${letters()}`;
  const programme = await adminApi.send("POST", "/api/v1/programmes", {
    territory_code: community.code,
    name: programmeName,
    kind: "monthly_aid",
    currency: "MDL",
    status: "open",
    amount: { rule: "fixed", amount_minor: 120000 },
    budget_minor: 10000000,
  });
  const api = await staffApi(server, officer);
  const month = installationToday().slice(0, 7);
  const households: { id: string; name: string }[] = [];
  for (const birth of ["1970-01-05", "1982-07-19"]) {
    const head = await newPerson(adminApi, community.code, birth);
    const household = await adminApi.send("POST", "/api/v1/households", {
      community_code: community.code,
      members: [{ person_id: head.id, relationship_to_head: "head" }],
    });
    const application = await api.send("POST", "/api/v1/applications", {
      programme_id: programme.id,
      household_id: household.id,
      applicant_id: head.id,
      period_from: month,
      incomes: [],
    });
    await api.send("POST", `/api/v1/applications/${application.id}/decision`, { outcome: "approved" }, {
      "If-Match": `"${application.version}"`,
    });
    households.push({ id: household.id, name: `${head.family_name} ${head.given_name}` });
  }

  const page = await signInAs(browser, baseURL!, laptop, officer, "en");
  await page.getByRole("navigation", { name: t["nav.label"] }).getByRole("link", { name: t["nav.payments"] }).click();
  await expect(page.getByRole("heading", { level: 1, name: t["payments.title"] })).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  await page.getByLabel(t["benefits.field.programme"], { exact: true }).first().selectOption({ label: programmeName });
  await page.getByLabel(t["benefits.month"], { exact: true }).fill(month);
  await page.getByTestId("generate-payment-list").click();

  // The list opens with its totals: two lines of 1,200.00 MDL.
  await expect(page.getByRole("heading", { level: 1, name: /^Payment list PL/ })).toBeVisible();
  const all = page.getByTestId("payment-totals-all");
  await expect(all).toContainText("2");
  await expect(all).toContainText(/MDL\s2,400\.00/);
  await expect(page.getByTestId("payment-line")).toHaveCount(2);
  expect(await seriousViolations(page)).toEqual([]);

  // The XLSX for the bank is a spreadsheet named after the list.
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("export-xlsx").click()]);
  expect(download.suggestedFilename()).toMatch(/^PL\d{6}-[A-Z0-9]{6}\.xlsx$/);
  const saved = await download.path();
  const { readFileSync } = await import("node:fs");
  expect(readFileSync(saved!).subarray(0, 2).toString()).toBe("PK");

  // A bank file with an altered amount is refused whole, naming its line.
  const references = await page.getByTestId("payment-line").locator("code").allTextContents();
  const bad = `reference,amount,status\n${references[0]},1200.00,paid\n${references[1]},1300.00,paid\n`;
  await page.getByLabel(t["payments.bankFile"]).setInputFiles({ name: "bank.csv", mimeType: "text/csv", buffer: Buffer.from(bad) });
  await page.getByTestId("confirm-payments").click();
  await expect(page.getByRole("alert")).toContainText("Line 3 of the file:");
  await expect(page.getByTestId("payment-line").filter({ hasText: t["payments.state.pending"] })).toHaveCount(2);

  // The bank's real answer: one paid, one returned.
  const good = `reference;amount;status;date\n${references[0]};1200,00;paid;${month}-03\n${references[1]};1200;returned;\n`;
  await page.getByLabel(t["payments.bankFile"]).setInputFiles({ name: "bank.csv", mimeType: "text/csv", buffer: Buffer.from(good) });
  await page.getByTestId("confirm-payments").click();
  await expect(page.getByText("Applied: 1 paid, 1 returned, 0 already known.")).toBeVisible();
  await expect(page.getByTestId("payment-line").filter({ hasText: t["payments.state.returned"] })).toHaveCount(1);
  await expect(page.getByTestId("payment-line").filter({ hasText: /Paid on/ })).toHaveCount(1);
  expect(await seriousViolations(page)).toEqual([]);

  // The household's page shows what it was paid.
  await page.goto(`/registry/households/${households[0].id}`);
  await expect(page.getByTestId("household-payments")).toContainText(programmeName);
  await expect(page.getByTestId("household-payments")).toContainText(/MDL\s1,200\.00/);
  await page.context().close();
  await api.dispose();
});
