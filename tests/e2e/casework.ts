// What the casework browser tests share: staff members with their own API sessions, a person to
// work with, signing in at a given size and language, and the few changes only time would make.
import AxeBuilder from "@axe-core/playwright";
import { expect, request as playwrightRequest, type APIRequestContext, type Browser, type Page } from "@playwright/test";
import { execFileSync } from "node:child_process";
import type { AdminApi, Server } from "./fixtures";
import { letters, signIn, unique } from "./helpers";

export interface StaffMember {
  id: string;
  username: string;
  password: string;
  name: string;
}

/** A user with one role over one territory, whose password needs no change at first sign-in. */
export async function staffMember(api: AdminApi, territory: string, role: string, name: string): Promise<StaffMember> {
  const username = unique(role.replace("_", "").slice(0, 8));
  const password = `Case-work-${letters(8)}-42`;
  const created = await api.send("POST", "/api/v1/users", {
    username,
    display_name: name,
    language: "en",
    home_territory_code: territory,
    roles: [{ role, territory_code: territory }],
    password,
  });
  return { id: created.user.id as string, username, password, name };
}

/** The API as a staff member: `send` adds the CSRF header and fails the test on an error status. */
export interface StaffApi {
  request: APIRequestContext;
  send(method: "POST" | "PATCH", url: string, data?: unknown, headers?: Record<string, string>): Promise<any>;
  get(url: string): Promise<any>;
  dispose(): Promise<void>;
}

export async function staffApi(server: Server, who: StaffMember): Promise<StaffApi> {
  const context = await playwrightRequest.newContext({ baseURL: server.url });
  const login = await context.post("/api/v1/session", { data: { username: who.username, password: who.password } });
  expect(login.status(), await login.text()).toBe(200);
  const { csrf_token } = await login.json();
  const call = async (method: string, url: string, data?: unknown, headers: Record<string, string> = {}) => {
    const response = await context.fetch(url, { method, data, headers: { "X-CSRF-Token": csrf_token, ...headers } });
    const body = await response.text();
    expect(response.ok(), `${method} ${url} → ${response.status()} ${body}`).toBe(true);
    return body ? JSON.parse(body) : undefined;
  };
  return {
    request: context,
    send: call,
    get: (url) => call("GET", url),
    dispose: () => context.dispose(),
  };
}

/** A person of `community` with a name no other test uses. */
export async function newPerson(api: AdminApi, community: string, birthDate = "1979-03-14") {
  return api.send("POST", "/api/v1/persons", {
    // Other tests on this server register namesakes born the same day.
    duplicate_reason: "A namesake registered by another test",
    given_name: "Elena",
    family_name: `Popa${letters(6).toLowerCase()}`,
    birth_date: birthDate,
    sex: "female",
    community_code: community,
  });
}

/** A message of the catalogue with its `{placeholders}` filled in. */
export function fill(message: string, values: Record<string, string>): string {
  return message.replace(/\{(\w+)\}/g, (_, name: string) => values[name] ?? `{${name}}`);
}

/** YYYY-MM-DD, `days` from today in the browser's zone (Europe/Bucharest). */
export function isoDay(days: number): string {
  const zone = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Bucharest", year: "numeric", month: "2-digit", day: "2-digit" });
  return zone.format(new Date(Date.now() + days * 86_400_000));
}

/**
 * Makes the case look as if it had been opened a week ago and its plan actions were due two
 * days ago: no endpoint may backdate a case, and an action's deadline may not precede the
 * opening, so the database is changed directly, as time would have.
 */
export function ageCase(server: Server, caseId: string): void {
  const opened = new Date(Date.now() - 7 * 86_400_000).toISOString();
  const deadline = new Date(Date.now() - 2 * 86_400_000).toISOString().slice(0, 10);
  const sql =
    `UPDATE cases SET opened_at = '${opened}', created_at = '${opened}' WHERE id = '${caseId}';` +
    `UPDATE plan_actions SET deadline = '${deadline}' WHERE case_id = '${caseId}';`;
  if (server.db === "sqlite") {
    execFileSync("sqlite3", ["-cmd", ".timeout 5000", server.dbUrl.replace(/^sqlite:/, ""), sql], { stdio: "pipe" });
  } else {
    execFileSync("psql", [server.dbUrl, "-v", "ON_ERROR_STOP=1", "-q", "-c", sql], { stdio: "pipe" });
  }
}

/** A new browser context signed in as `who`, on "Today", in `language`. */
export async function signInAs(
  browser: Browser,
  baseURL: string,
  viewport: { width: number; height: number },
  who: { username: string; password: string },
  language: string,
): Promise<Page> {
  const context = await browser.newContext({ baseURL, viewport, locale: "en-GB", timezoneId: "Europe/Bucharest" });
  const page = await context.newPage();
  await page.goto("/");
  await signIn(page, who.username, who.password);
  await expect(page.getByRole("heading", { name: /^Welcome, / })).toBeVisible();
  if (language !== "en") await page.getByRole("banner").getByLabel("Language").selectOption(language);
  return page;
}

/** The serious and critical WCAG 2.1 A/AA findings of axe on the page as it is now. */
export async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  return results.violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map((violation) => ({ id: violation.id, targets: violation.nodes.map((node) => node.target.join(" ")) }));
}
