import { defineConfig } from "@playwright/test";

// Browser tests of the web app against the real server (started per worker by
// e2e/fixtures.ts). Run from tests/: `npx playwright test` (after building web/dist and the
// server). Every test runs on SQLite. With SOCIUS_TEST_PG_URL set, the tests tagged @smoke (one
// end-to-end path through each module: accounts and territories, registry, import, audit,
// casework, services, benefits, cards, reports) run on PostgreSQL too: the API tests cover every
// endpoint on both backends, so the browser needs only to show that each module's screens work
// over PostgreSQL, once. SOCIUS_E2E_PG=all runs every test there.
const chromiumArgs = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

const browser = {
  browserName: "chromium" as const,
  locale: "en-GB",
  timezoneId: "Europe/Bucharest", // e2e/fixtures.ts INSTALLATION_TIME_ZONE: the server runs in it too
  viewport: { width: 1280, height: 800 },
  launchOptions: { executablePath: process.env.SOCIUS_CHROMIUM ?? "/usr/bin/chromium", args: chromiumArgs },
};

export default defineConfig({
  testDir: "./e2e",
  // One worker: two cores are shared, and a second worker (its own server and database,
  // e2e/fixtures.ts) saves only about a tenth of the time while every test runs half again as
  // slowly. SOCIUS_E2E_WORKERS=2 runs two, for a machine with more cores.
  workers: Number(process.env.SOCIUS_E2E_WORKERS ?? 1),
  fullyParallel: false,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: "list",
  outputDir: "../build/e2e-results",
  use: {
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    actionTimeout: 10_000,
  },
  projects: [
    { name: "sqlite", use: { ...browser, dbKind: "sqlite" } },
    ...(process.env.SOCIUS_TEST_PG_URL
      ? [
          {
            name: "postgresql",
            grep: process.env.SOCIUS_E2E_PG === "all" ? undefined : /@smoke/,
            use: { ...browser, dbKind: "postgresql" as const },
          },
        ]
      : []),
  ],
});
