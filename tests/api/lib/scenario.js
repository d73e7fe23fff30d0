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
import { Actor } from './client.js';
import { match } from './match.js';

export async function runScenario(scenario, { server, vars: initialVars }) {
  const vars = { ...initialVars };
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
    throw new Error(
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

export function interpolate(value, vars) {
  if (typeof value === 'string') {
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
      if (!(expr in vars)) throw new Error(`unknown variable \${${expr}}`);
      return String(vars[expr]);
    });
  }
  if (Array.isArray(value)) return value.map((v) => interpolate(v, vars));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [interpolate(k, vars), interpolate(v, vars)]));
  }
  return value;
}
