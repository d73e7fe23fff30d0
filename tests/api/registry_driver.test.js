// The driver features the registry scenarios added (lib/scenario.js, lib/openapi.js) can fail.
// No server needed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { interpolate, missingRoutes, runScenario, serverRoutes } from './lib/scenario.js';
import { contract } from './lib/openapi.js';

test('size, sha256 and bytes count UTF-8 bytes of a variable', () => {
  const vars = { csv: 'a,b\nОля,1\n' };
  const bytes = Buffer.from(vars.csv, 'utf8');
  assert.equal(interpolate('${size(csv)}', vars), bytes.length);
  assert.equal(interpolate('n=${size(csv)}', vars), `n=${bytes.length}`);
  assert.equal(interpolate('${sha256(csv)}', vars), createHash('sha256').update(bytes).digest('hex'));
  const chunk = interpolate('${bytes(csv,4,8)}', vars);
  assert.ok(Buffer.isBuffer(chunk));
  assert.deepEqual(chunk, bytes.subarray(4, 8));
  assert.deepEqual(interpolate('${bytes(csv,4)}', vars), bytes.subarray(4));
  assert.equal(interpolate('${bytes(csv,0,4)}x', vars), 'a,b\nx');
  assert.deepEqual(interpolate({ body: '${bytes(csv,0,2)}' }, vars).body, Buffer.from('a,'));
  assert.throws(() => interpolate('${size(nope)}', vars), /unknown variable/);
});

test('missingRoutes names the routes src/ does not register', () => {
  const routes = serverRoutes();
  assert.ok(routes.has('GET /api/v1/persons'));
  assert.equal(missingRoutes({}), null);
  assert.equal(missingRoutes({ requires_routes: ['GET /api/v1/persons'] }), null);
  assert.match(missingRoutes({ requires_routes: ['GET /api/v1/persons', 'POST /api/v1/nothing'] }), /POST \/api\/v1\/nothing/);
});

test('a scenario whose routes are missing fails instead of passing with no step run', async () => {
  const scenario = {
    title: 'not built yet',
    requires_routes: ['POST /api/v1/nothing'],
    steps: [{ request: { path: '/api/v1/nothing' }, expect: { status: 200 } }],
  };
  // No server: the refusal comes before any request.
  await assert.rejects(runScenario(scenario, { server: { url: 'http://127.0.0.1:9' }, vars: {} }), /cannot run, not in the server yet: POST \/api\/v1\/nothing/);
});

test('the contract prefers a literal path segment to a parameter', () => {
  const c = contract();
  assert.equal(c.findRoute('/api/v1/persons/imports'), '/api/v1/persons/imports');
  assert.equal(c.findRoute('/api/v1/persons/abc'), '/api/v1/persons/{id}');
  assert.equal(c.findRoute('/api/v1/persons/imports/abc'), '/api/v1/persons/imports/{id}');
  assert.equal(c.findRoute('/api/v1/persons/abc/history'), '/api/v1/persons/{id}/history');
  // A person's body is not an import job list, and the reverse.
  const list = { items: [], next_cursor: null };
  assert.deepEqual(c.check({ method: 'GET', pathname: '/api/v1/persons/imports', status: 200, contentType: 'application/json', body: list }), []);
  assert.equal(c.check({ method: 'GET', pathname: '/api/v1/persons/imports', status: 200, contentType: 'application/json', body: { id: 'x' } }).length, 1);
});

test('an import job with errors validates as ImportJob, and extra or missing fields do not', () => {
  const c = contract();
  const job = c.doc.components.examples.ImportJob.value;
  const ok = (body) => c.check({ method: 'GET', pathname: '/api/v1/persons/imports/abc', status: 200, contentType: 'application/json', body });
  assert.deepEqual(ok(job), []);
  assert.equal(ok({ ...job, colour: 'red' }).length, 1);
  const { errors, ...withoutErrors } = job;
  assert.equal(ok(withoutErrors).length, 1);
  assert.equal(ok({ ...job, status: 'paused' }).length, 1);
  const listed = { items: [withoutErrors], next_cursor: null };
  assert.deepEqual(c.check({ method: 'GET', pathname: '/api/v1/persons/imports', status: 200, contentType: 'application/json', body: listed }), []);
  assert.equal(c.check({ method: 'GET', pathname: '/api/v1/persons/imports', status: 200, contentType: 'application/json', body: { items: [job], next_cursor: null } }).length, 1);
});
