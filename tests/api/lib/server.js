// Starts and stops real `socius serve` processes for the API and crash tests.
//
// The binary is $SOCIUS_BIN, else build/src/app/socius. Each server gets a database of its own:
// a temporary SQLite file, or a fresh schema in the PostgreSQL database $SOCIUS_TEST_PG_URL.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const ADMIN_PASSWORD = 'Admin-Test-Password-42';
const START_TIMEOUT_MS = Number(process.env.SOCIUS_TEST_START_TIMEOUT_MS ?? 120_000);
const STOP_TIMEOUT_MS = 15_000;

export function sociusBinary() {
  const bin = process.env.SOCIUS_BIN ?? 'build/src/app/socius';
  return path.isAbsolute(bin) ? bin : path.join(REPO_ROOT, bin);
}

// The database backends every suite runs against. PostgreSQL needs SOCIUS_TEST_PG_URL; in CI
// (CI=true) its absence is an error, so a green run always covers both backends.
export function backends() {
  const list = [{ name: 'sqlite' }];
  const pgUrl = process.env.SOCIUS_TEST_PG_URL;
  if (pgUrl) {
    list.push({ name: 'postgresql', url: pgUrl });
  } else if (process.env.CI === 'true') {
    throw new Error('CI=true but SOCIUS_TEST_PG_URL is not set: the PostgreSQL run is required in CI');
  }
  return list;
}

function withSearchPath(url, schema) {
  const sep = url.includes('?') ? '&' : '?';
  return `${url}${sep}options=-csearch_path%3D${schema}`;
}

function psql(url, sql) {
  const r = spawnSync('psql', [url, '-v', 'ON_ERROR_STOP=1', '-q', '-c', sql], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`psql failed (${sql}): ${r.stderr || r.error}`);
}

// A fresh, empty database for one server (or for a kill-and-restart sequence of servers).
// Returns { backend, url, drop() }.
export function createDatabase(backend) {
  if (backend.name === 'sqlite') {
    const dir = mkdtempSync(path.join(tmpdir(), 'socius-test-'));
    return {
      backend: 'sqlite',
      url: `sqlite:${path.join(dir, 'socius.db')}`,
      dir,
      drop() {
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const schema = `s_${randomBytes(6).toString('hex')}`;
  psql(backend.url, `CREATE SCHEMA ${schema}`);
  return {
    backend: 'postgresql',
    url: withSearchPath(backend.url, schema),
    schema,
    drop() {
      if (process.env.SOCIUS_TEST_KEEP_DB) return;
      psql(backend.url, `DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    },
  };
}

// Starts `socius serve` on a free port of 127.0.0.1 and resolves once it printed
// "Socius listening on http://ADDR:PORT". Returns a handle with url, stop() (SIGTERM, resolves
// to the exit code) and kill() (SIGKILL).
export async function startServer({ db, staticDir = null, env = {} } = {}) {
  const bin = sociusBinary();
  if (!existsSync(bin)) {
    throw new Error(`no socius binary at ${bin}: build it first (or set SOCIUS_BIN)`);
  }
  const args = ['serve', '--listen', '127.0.0.1:0', '--db', db.url];
  if (staticDir) args.push('--static', staticDir);
  const child = spawn(bin, args, {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      SOCIUS_ADMIN_PASSWORD: ADMIN_PASSWORD,
      SOCIUS_PASSWORD_COST: 'min',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise((resolve) => {
    child.on('exit', (code, signal) => resolve({ code, signal }));
  });
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`socius did not start within ${START_TIMEOUT_MS} ms:\n${tail(output)}`));
    }, START_TIMEOUT_MS);
    const onData = (chunk) => {
      output += chunk;
      const m = /Socius listening on (http:\/\/[^\s]+:\d+)/.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve(m[1].replace(/\/$/, ''));
      }
    };
    child.stdout.setEncoding('utf8').on('data', onData);
    child.stderr.setEncoding('utf8').on('data', (chunk) => {
      output += chunk;
    });
    exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`socius exited (code ${code}, signal ${signal}) before listening:\n${tail(output)}`));
    });
  });
  let stopped = null;
  return {
    url,
    db,
    pid: child.pid,
    output: () => output,
    // SIGTERM, then waits for a clean exit; SIGKILL after STOP_TIMEOUT_MS. Resolves to
    // { code, signal }.
    stop() {
      if (!stopped) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
        stopped = exited.finally(() => clearTimeout(timer));
      }
      return stopped;
    },
    // SIGKILL: no chance to flush anything that was not already durable.
    kill() {
      if (!stopped) {
        child.kill('SIGKILL');
        stopped = exited;
      }
      return stopped;
    },
  };
}

function tail(text, lines = 40) {
  return text.split('\n').slice(-lines).join('\n');
}

// Runs a `socius` subcommand to completion; resolves to { status, stdout, stderr }.
export function runCli(args, env = {}) {
  const r = spawnSync(sociusBinary(), args, {
    cwd: REPO_ROOT,
    env: { ...process.env, SOCIUS_PASSWORD_COST: 'min', ...env },
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { status: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? '', error: r.error };
}
