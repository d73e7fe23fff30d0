// Runs a declarative scenario file (tests/api/scenarios/*.yaml) against a started server.
//
// A scenario is a list of steps, each one request and what must come back:
//
//   - title: a stale If-Match is a conflict        # what the step shows
//     as: admin                                     # the actor (cookie jar + CSRF token)
//     request: {method: PATCH, path: /api/v1/territories/${code},
//               headers: {If-Match: '"1"'}, json: {name: New}}
//     expect:
//       status: 409
//       problem: conflict.stale_version             # problem+json with this code
//       json: {field: name}                         # subset of the body (see match.js)
//       headers: {etag: '"2"'}
//     capture: {version: json.version, tag: header.etag, token: cookie.socius_session}
//
// Other step forms: `login: <actor>` (with `username`/`password`, default the actor's name
// and ${password}) logs an actor in and expects 200; `repeat: N` runs a step N times.
// `${name}` in any string is replaced by a variable (captures, plus admin_password, password,
// backend, uniq); a string that is exactly `${name}` keeps the variable's type.
// `${repeat(x,N)}` is x repeated N times; `${nested(N)}` is N nested JSON arrays.
//
// For uploads (registry imports): a scenario-level `vars:` map defines variables (e.g. a CSV
// text) before the first step; `${sha256(name)}` is the hex SHA-256 of the UTF-8 bytes of
// variable `name`, `${size(name)}` their count (a number when it is the whole string), and
// `${bytes(name,FROM,TO)}` a Buffer of bytes FROM..TO (TO optional) to send as a raw body (as
// part of a longer string: their text). A step with `retry: {times: N, delay_ms: M}` is sent again until its
// expectations hold (polling a background job), at most N times.
// A scenario with `requires_routes: ['POST /api/v1/...']` is reported skipped by its runner
// (see missingRoutes) while any of them is not registered in src/; runScenario refuses it.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Actor } from './client.js';
import { match } from './match.js';
import { REPO_ROOT } from './server.js';

// The routes `router.Add("METHOD", "/api/...")` registers in src/ (as openapi_routes.test.js
// finds them).
export function serverRoutes() {
  const routes = new Set();
  const walk = (dir) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.cc') && !e.name.endsWith('_test.cc')) {
        for (const m of readFileSync(p, 'utf8').matchAll(/\.Add\(\s*"([A-Z]+)",\s*"(\/api\/[^"]*)"/g)) routes.add(`${m[1]} ${m[2]}`);
      }
    }
  };
  walk(path.join(REPO_ROOT, 'src'));
  return routes;
}

// null when every route of `requires_routes` is served; else the reason to skip, naming them.
export function missingRoutes(scenario) {
  const wanted = scenario.requires_routes ?? [];
  if (wanted.length === 0) return null;
  const routes = serverRoutes();
  const missing = wanted.filter((r) => !routes.has(r));
  return missing.length ? `not in the server yet: ${missing.join(', ')}` : null;
}

export async function runScenario(scenario, { server, vars: initialVars }) {
  const vars = { ...initialVars };
  // A scenario that cannot run has not passed: the runner marks it skipped before calling
  // this (and a skip fails the run in CI).
  const missing = missingRoutes(scenario);
  if (missing) throw new Error(`${scenario.title}: cannot run, ${missing}`);
  for (const [name, value] of Object.entries(scenario.vars ?? {})) vars[name] = interpolate(value, vars);
  const actors = new Map();
  const actor = (name = 'anonymous') => {
    if (!actors.has(name)) actors.set(name, new Actor(server.url, name));
    return actors.get(name);
  };
  const steps = scenario.steps ?? [];
  for (let i = 0; i < steps.length; i++) {
    const step = steps[i];
    const times = step.repeat ?? 1;
    for (let n = 0; n < times; n++) {
      vars.n = n;
      const label = `step ${i + 1}${times > 1 ? ` (#${n + 1})` : ''}: ${step.title ?? step.login ?? ''}`;
      await runStep(step, { actor, vars, label });
    }
  }
  return vars;
}

async function runStep(rawStep, { actor, vars, label }) {
  let step = rawStep;
  if (step.login) {
    step = {
      as: step.login,
      request: {
        method: 'POST',
        path: '/api/v1/session',
        json: { username: step.username ?? step.login, password: step.password ?? '${password}' },
      },
      expect: { status: 200, ...(step.expect ?? {}) },
      capture: step.capture,
    };
  }
  const tries = step.retry?.times ?? 1;
  for (let attempt = 1; ; attempt++) {
    try {
      return await sendAndCheck(step, { actor, vars, label });
    } catch (e) {
      if (attempt >= tries || !(e instanceof ExpectationFailed)) throw e;
      await new Promise((r) => setTimeout(r, step.retry.delay_ms ?? 100));
    }
  }
}

class ExpectationFailed extends Error {}

async function sendAndCheck(step, { actor, vars, label }) {
  const req = interpolate(step.request, vars);
  if (!req || !req.path) throw new Error(`${label}: a step needs request.path`);
  let res;
  try {
    res = await actor(step.as).request({
      method: (req.method ?? 'GET').toUpperCase(),
      path: req.path,
      json: req.json,
      body: req.body,
      headers: req.headers ?? {},
      csrf: req.csrf ?? 'auto',
    });
  } catch (e) {
    e.message = `${label}\n${e.message}`;
    throw e;
  }
  const expect = interpolate(step.expect ?? {}, vars);
  const failures = [];
  if (expect.status !== undefined) {
    const ok = Array.isArray(expect.status) ? expect.status.includes(res.status) : res.status === expect.status;
    if (!ok) failures.push(`status ${res.status}, expected ${JSON.stringify(expect.status)}`);
  }
  if (expect.problem !== undefined) {
    const ct = res.headers['content-type'] ?? '';
    if (!ct.startsWith('application/problem+json')) failures.push(`content-type "${ct}", expected application/problem+json`);
    failures.push(...match(expect.problem, res.json?.code, 'problem code'));
    if (res.json?.status !== res.status) failures.push(`problem status ${res.json?.status} differs from HTTP ${res.status}`);
    if (res.json?.type !== `urn:socius:problem:${res.json?.code}`) failures.push(`problem type ${JSON.stringify(res.json?.type)}`);
  }
  if (expect.json !== undefined) failures.push(...match(expect.json, res.json, 'body'));
  if (expect.headers !== undefined) {
    for (const [name, want] of Object.entries(expect.headers)) {
      failures.push(...match(want, res.headers[name.toLowerCase()], `header ${name}`));
    }
  }
  if (failures.length > 0) {
    throw new ExpectationFailed(
      `${label}\n  ${req.method ?? 'GET'} ${req.path} as ${step.as ?? 'anonymous'}\n  - ${failures.join('\n  - ')}\n  response ${res.status}: ${res.text.slice(0, 800)}`,
    );
  }
  for (const [name, where] of Object.entries(step.capture ?? {})) {
    const value = where.startsWith('cookie.') ? actor(step.as).cookies.get(where.slice(7)) : pick(res, where);
    if (value === undefined) throw new Error(`${label}: nothing to capture at ${where} for ${name}: ${res.text.slice(0, 300)}`);
    vars[name] = value;
  }
}

// 'json.items[0].id' or 'header.etag' out of a response.
export function pick(res, where) {
  if (where.startsWith('header.')) return res.headers[where.slice(7).toLowerCase()];
  if (where === 'status') return res.status;
  if (where !== 'json' && !where.startsWith('json.') && !where.startsWith('json[')) throw new Error(`bad capture path ${where}`);
  const parts = where
    .slice(4)
    .split(/\.|\[(\d+)\]/)
    .filter((p) => p !== undefined && p !== '');
  return parts.reduce((o, key) => (o == null ? undefined : o[key]), res.json);
}

const WHOLE = /^\$\{([a-z_][a-z0-9_]*)\}$/i;
const WHOLE_CALL = /^\$\{(size|bytes)\(([a-z_][a-z0-9_]*)(?:,\s*(\d+))?(?:,\s*(\d+))?\)\}$/i;

function utf8Of(vars, name) {
  if (!(name in vars)) throw new Error(`unknown variable \${${name}}`);
  return Buffer.from(String(vars[name]), 'utf8');
}

export function interpolate(value, vars) {
  if (typeof value === 'string') {
    const call = WHOLE_CALL.exec(value);
    if (call) {
      const bytes = utf8Of(vars, call[2]);
      if (call[1] === 'size') return bytes.length;
      return bytes.subarray(Number(call[3] ?? 0), call[4] === undefined ? bytes.length : Number(call[4]));
    }
    const whole = WHOLE.exec(value);
    if (whole) {
      if (!(whole[1] in vars)) throw new Error(`unknown variable \${${whole[1]}}`);
      return vars[whole[1]];
    }
    return value.replace(/\$\{([^}]+)\}/g, (_, expr) => {
      let m = /^repeat\((.*),\s*(\d+)\)$/.exec(expr);
      if (m) return m[1].repeat(Number(m[2]));
      m = /^nested\((\d+)\)$/.exec(expr);
      if (m) return '['.repeat(Number(m[1])) + ']'.repeat(Number(m[1]));
      m = /^(sha256|size)\(([a-z_][a-z0-9_]*)\)$/i.exec(expr);
      if (m) {
        const bytes = utf8Of(vars, m[2]);
        return m[1] === 'size' ? String(bytes.length) : createHash('sha256').update(bytes).digest('hex');
      }
      // Inside a longer string, a byte range is its text (it must cut at character boundaries).
      m = /^bytes\(([a-z_][a-z0-9_]*)(?:,\s*(\d+))?(?:,\s*(\d+))?\)$/i.exec(expr);
      if (m) {
        const bytes = utf8Of(vars, m[1]);
        return bytes.subarray(Number(m[2] ?? 0), m[3] === undefined ? bytes.length : Number(m[3])).toString('utf8');
      }
      if (!(expr in vars)) throw new Error(`unknown variable \${${expr}}`);
      return String(vars[expr]);
    });
  }
  if (Buffer.isBuffer(value)) return value;
  if (Array.isArray(value)) return value.map((v) => interpolate(v, vars));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [interpolate(k, vars), interpolate(v, vars)]));
  }
  return value;
}
