// Runs every scenario file in tests/api/scenarios/ against a fresh server per file, once per
// database backend (SQLite always; PostgreSQL when SOCIUS_TEST_PG_URL is set, required in CI).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import YAML from 'yaml';
import { ADMIN_PASSWORD, REPO_ROOT, backends, createDatabase, startServer } from './lib/server.js';
import { missingRoutes, runScenario } from './lib/scenario.js';

const DIR = path.join(REPO_ROOT, 'tests/api/scenarios');
const only = process.env.SOCIUS_SCENARIO; // e.g. "territories" to run one file
const files = readdirSync(DIR)
  .filter((f) => f.endsWith('.yaml'))
  .filter((f) => !only || f.startsWith(only))
  .sort();

// Scenario files are independent (each has its own server and database), so
// SOCIUS_SCENARIO_CONCURRENCY of them (default 2) run at once, on either backend; node's
// --test-concurrency runs the other test files beside this one.
const concurrency = Number(process.env.SOCIUS_SCENARIO_CONCURRENCY ?? 2);

describe('API scenarios', { concurrency }, () => {
  for (const backend of backends()) {
    for (const file of files) {
      const scenario = YAML.parse(readFileSync(path.join(DIR, file), 'utf8'));
      // A scenario whose routes are not served yet is reported skipped, never passed.
      it(`${backend.name}: ${file}: ${scenario.title}`, { skip: missingRoutes(scenario) ?? false }, async () => {
        const db = createDatabase(backend);
        const server = await startServer({ db });
        try {
          await runScenario(scenario, {
            server,
            vars: {
              admin_password: ADMIN_PASSWORD,
              password: 'Scenario-Password-7',
              backend: backend.name,
              uniq: randomBytes(3).toString('hex'),
            },
          });
        } catch (e) {
          e.message += `\n--- server output (tail) ---\n${server.output().split('\n').slice(-15).join('\n')}`;
          throw e;
        } finally {
          const exit = await server.stop();
          db.drop();
          // A clean shutdown on SIGTERM is part of the contract of `socius serve`.
          assert.equal(exit.code, 0, `socius exited with ${JSON.stringify(exit)} on SIGTERM`);
        }
      });
    }
  }
});
