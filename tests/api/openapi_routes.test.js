// docs/openapi.yaml and the server's routes stay in step: every `router.Add("METHOD", "/api/...")`
// in src/ is documented, and every documented operation has a route. No server needed.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { REPO_ROOT } from './lib/server.js';
import { contract } from './lib/openapi.js';

function sourceFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return e.name.endsWith('.cc') && !e.name.endsWith('_test.cc') ? [p] : [];
  });
}

function serverRoutes() {
  const routes = new Set();
  for (const file of sourceFiles(path.join(REPO_ROOT, 'src'))) {
    const text = readFileSync(file, 'utf8');
    // router.Add("GET", "/api/...") and a room's own registration helper, add("GET", "/api/...").
    for (const m of text.matchAll(/(?:\.Add|\badd)\(\s*"([A-Z]+)",\s*"(\/api\/[^"]*)"/g)) routes.add(`${m[1]} ${m[2]}`);
  }
  return routes;
}

function documentedRoutes() {
  const routes = new Set();
  for (const [p, item] of Object.entries(contract().doc.paths)) {
    for (const method of Object.keys(item)) {
      if (['get', 'put', 'post', 'patch', 'delete'].includes(method)) routes.add(`${method.toUpperCase()} ${p}`);
    }
  }
  return routes;
}

test('every server route is documented in docs/openapi.yaml', () => {
  const documented = documentedRoutes();
  const routes = serverRoutes();
  assert.ok(routes.size >= 10, `found only ${routes.size} routes in src/: has the registration pattern changed?`);
  const missing = [...routes].filter((r) => !documented.has(r)).sort();
  assert.deepEqual(missing, [], `routes without documentation:\n  ${missing.join('\n  ')}`);
});

test('every documented operation has a server route', () => {
  const routes = serverRoutes();
  const extra = [...documentedRoutes()].filter((r) => !routes.has(r)).sort();
  assert.deepEqual(extra, [], `documented but not served:\n  ${extra.join('\n  ')}`);
});
