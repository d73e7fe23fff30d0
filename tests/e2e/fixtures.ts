// Fixtures for the browser tests: a real `socius serve` per worker (fresh SQLite file or a
// fresh PostgreSQL schema), the page's baseURL pointed at it, and an API session as the first
// administrator for setting up data without going through the UI.
import { test as base, expect, request as playwrightRequest, type APIRequestContext } from "@playwright/test";
import { spawn, execFileSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const ADMIN_USERNAME = "admin";

/** The installation's time zone in every browser test: the server's and the browser's alike, so
 * that "today" is the same day on both sides of midnight (playwright.config.ts timezoneId). */
export const INSTALLATION_TIME_ZONE = "Europe/Bucharest";

/** Today in the installation's time zone, `YYYY-MM-DD`, as the server and the browser count it. */
export function installationToday(): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: INSTALLATION_TIME_ZONE }).format(new Date());
}
export const ADMIN_PASSWORD = "E2e-admin-Passw0rd";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");

export type DbKind = "sqlite" | "postgresql";

export interface Server {
  url: string;
  db: DbKind;
  /** The database the server runs on (`sqlite:<file>` or a PostgreSQL URL with its search_path),
   * for the rare test that must set up what no endpoint may do, such as a case opened days ago. */
  dbUrl: string;
}

/** The API as the first administrator, with the CSRF token of that session. */
export interface AdminApi {
  request: APIRequestContext;
  csrf: string;
  /** POST/PATCH helper that adds the CSRF header and fails the test on an error status. */
  send(method: "POST" | "PATCH" | "DELETE", url: string, data?: unknown, headers?: Record<string, string>): Promise<any>;
  get(url: string): Promise<any>;
}

function serverBinary(): string {
  const configured = process.env.SOCIUS_BIN ?? "build/src/app/socius";
  return path.isAbsolute(configured) ? configured : path.join(repoRoot, configured);
}

function waitForListening(child: ChildProcess, output: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start in 120 s:\n${output.join("")}`)), 120_000);
    let buffer = "";
    child.stdout!.on("data", (chunk: Buffer) => {
      const text = chunk.toString("utf8");
      output.push(text);
      buffer += text;
      const match = /Socius listening on (http:\/\/\S+)/.exec(buffer);
      if (match) {
        clearTimeout(timer);
        resolve(match[1].replace(/\/$/, ""));
      }
    });
    child.stderr!.on("data", (chunk: Buffer) => output.push(chunk.toString("utf8")));
    child.on("exit", (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`server exited (${code ?? signal}) before listening:\n${output.join("")}`));
    });
    child.on("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.kill("SIGTERM");
  const timeout = new Promise<"timeout">((resolve) => setTimeout(() => resolve("timeout"), 10_000));
  if ((await Promise.race([exited, timeout])) === "timeout") {
    child.kill("SIGKILL");
    await exited;
  }
}

function psql(url: string, sql: string): void {
  execFileSync("psql", [url, "-v", "ON_ERROR_STOP=1", "-q", "-c", sql], { stdio: "pipe" });
}

export const test = base.extend<
  { adminApi: AdminApi; adminSpeaksEnglish: void },
  { dbKind: DbKind; server: Server; workerAdminApi: AdminApi }
>({
  dbKind: ["sqlite", { option: true, scope: "worker" }],

  server: [
    async ({ dbKind }, use, workerInfo) => {
      const bin = serverBinary();
      const dist = path.join(repoRoot, "web", "dist");
      if (!existsSync(bin)) throw new Error(`server binary not found: ${bin} (build it, or set SOCIUS_BIN)`);
      if (!existsSync(path.join(dist, "index.html"))) throw new Error(`web app not built: run npm run build in web/`);

      const scratch = mkdtempSync(path.join(tmpdir(), "socius-e2e-"));
      let db = `sqlite:${path.join(scratch, "e2e.db")}`;
      let schema: string | null = null;
      const pgUrl = process.env.SOCIUS_TEST_PG_URL;
      if (dbKind === "postgresql") {
        if (!pgUrl) throw new Error("SOCIUS_TEST_PG_URL is not set");
        schema = `e2e_${process.pid}_${workerInfo.workerIndex}_${Date.now()}`;
        psql(pgUrl, `CREATE SCHEMA ${schema}`);
        db = `${pgUrl}${pgUrl.includes("?") ? "&" : "?"}options=-csearch_path%3D${schema}`;
      }

      const output: string[] = [];
      // The database goes by SOCIUS_DB (DESIGN.md §5), which every position of --db honours.
      const child = spawn(bin, ["serve", "--listen", "127.0.0.1:0", "--static", dist], {
        cwd: repoRoot,
        env: {
          ...process.env,
          SOCIUS_DB: db,
          SOCIUS_ADMIN_PASSWORD: ADMIN_PASSWORD,
          SOCIUS_PASSWORD_COST: "min",
          TZ: INSTALLATION_TIME_ZONE,
        },
        stdio: ["ignore", "pipe", "pipe"],
      });
      try {
        const url = await waitForListening(child, output);
        await use({ url, db: dbKind, dbUrl: db });
      } finally {
        await stop(child);
        if (schema && pgUrl) {
          try {
            psql(pgUrl, `DROP SCHEMA ${schema} CASCADE`);
          } catch {
            // Leave it for the throwaway database's teardown.
          }
        }
        rmSync(scratch, { recursive: true, force: true });
      }
    },
    { scope: "worker", timeout: 180_000 },
  ],

  workerAdminApi: [
    async ({ server }, use) => {
      const context = await playwrightRequest.newContext({ baseURL: server.url });
      const login = await context.post("/api/v1/session", {
        data: { username: ADMIN_USERNAME, password: ADMIN_PASSWORD },
      });
      expect(login.status(), await login.text()).toBe(200);
      const { csrf_token } = await login.json();
      const check = async (response: Awaited<ReturnType<APIRequestContext["get"]>>, what: string) => {
        const body = await response.text();
        expect(response.ok(), `${what} → ${response.status()} ${body}`).toBe(true);
        return body ? JSON.parse(body) : undefined;
      };
      await use({
        request: context,
        csrf: csrf_token,
        send: async (method, url, data, headers = {}) =>
          check(
            await context.fetch(url, { method, data, headers: { "X-CSRF-Token": csrf_token, ...headers } }),
            `${method} ${url}`,
          ),
        get: async (url) => check(await context.get(url), `GET ${url}`),
      });
      await context.dispose();
    },
    { scope: "worker" },
  ],

  adminApi: async ({ workerAdminApi }, use) => use(workerAdminApi),

  // The language a user picks is stored for them, and every file signs in as the same
  // administrator: each test starts with the administrator's language back at English.
  adminSpeaksEnglish: [
    async ({ workerAdminApi }, use) => {
      await workerAdminApi.send("PATCH", "/api/v1/session", { language: "en" });
      await use();
    },
    { auto: true },
  ],

  baseURL: async ({ server }, use) => use(server.url),
});

export { expect };
