// The scenario driver's own checks: a driver that could not fail would make every scenario
// pass. No server needed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { match } from './lib/match.js';
import { interpolate, pick } from './lib/scenario.js';
import { contract } from './lib/openapi.js';

test('match reports missing keys, wrong scalars and array length', () => {
  assert.deepEqual(match({ a: 1 }, { a: 1, b: 2 }), []);
  assert.equal(match({ a: 1 }, { a: 2 }).length, 1);
  assert.equal(match({ a: 1 }, {}).length, 1);
  assert.equal(match([1, 2], [1]).length, 1);
  assert.equal(match({ a: { $absent: true } }, { a: null }).length, 1);
  assert.deepEqual(match({ a: { $absent: true } }, {}), []);
});

test('match operators accept and reject', () => {
  assert.deepEqual(match({ $regex: '\\p{Script=Cyrillic}' }, 'Невірний пароль'), []);
  assert.equal(match({ $regex: '\\p{Script=Cyrillic}' }, 'Wrong password').length, 1);
  assert.deepEqual(match({ $contains: [{ code: 'RO' }] }, [{ code: 'UA' }, { code: 'RO' }]), []);
  assert.equal(match({ $contains: [{ code: 'MD' }] }, [{ code: 'UA' }]).length, 1);
  assert.equal(match({ $notContains: [{ code: 'UA' }] }, [{ code: 'UA' }]).length, 1);
  assert.equal(match({ $all: { action: 'x' } }, [{ action: 'x' }, { action: 'y' }]).length, 1);
  assert.equal(match({ $sorted: { by: 'seq', order: 'desc' } }, [{ seq: 1 }, { seq: 2 }]).length, 1);
  assert.deepEqual(match({ $sorted: { by: 'seq', order: 'desc' } }, [{ seq: 2 }, { seq: 1 }]), []);
  assert.equal(match({ $ne: 'a' }, 'a').length, 1);
  assert.equal(match({ $type: 'integer' }, 1.5).length, 1);
  assert.equal(match({ $minLength: 2 }, [1]).length, 1);
});

test('interpolate keeps the type of whole-variable strings and expands helpers', () => {
  const vars = { v: 3, s: 'x' };
  assert.deepEqual(interpolate({ a: '${v}', b: 'n${v}${s}', c: '${repeat(ab,3)}', d: '${nested(2)}' }, vars), {
    a: 3,
    b: 'n3x',
    c: 'ababab',
    d: '[[]]',
  });
  assert.throws(() => interpolate('${missing}', vars), /unknown variable/);
  assert.equal(pick({ json: { items: [{ id: 'q' }] }, headers: {} }, 'json.items[0].id'), 'q');
});

test('the contract check rejects undocumented statuses and bodies off the schema', () => {
  const c = contract();
  const okHealth = { status: 'ok', version: '0.1.0', database: 'sqlite' };
  assert.deepEqual(c.check({ method: 'GET', pathname: '/api/v1/health', status: 200, contentType: 'application/json', body: okHealth }), []);
  assert.equal(c.check({ method: 'GET', pathname: '/api/v1/health', status: 418, contentType: 'application/json', body: okHealth }).length, 1);
  assert.equal(
    c.check({ method: 'GET', pathname: '/api/v1/health', status: 200, contentType: 'application/json', body: { ...okHealth, extra: 1 } }).length,
    1,
  );
  assert.equal(
    c.check({ method: 'GET', pathname: '/api/v1/territories/RO:1017', status: 200, contentType: 'application/json', body: { code: 'RO:1017' } }).length,
    1,
  );
  const problem = { type: 'urn:socius:problem:user.not_found', title: 'Not found', status: 404, detail: 'No such user.', code: 'user.not_found' };
  assert.deepEqual(c.check({ method: 'GET', pathname: '/api/v1/users/abc', status: 404, contentType: 'application/problem+json', body: problem }), []);
  assert.equal(c.check({ method: 'GET', pathname: '/api/v1/users/abc', status: 404, contentType: 'application/json', body: problem }).length, 1);
});

test('every operation of docs/openapi.yaml documents its errors as problem+json', () => {
  const c = contract();
  for (const [p, item] of Object.entries(c.doc.paths)) {
    for (const [method, op] of Object.entries(item)) {
      if (method === 'parameters') continue;
      assert.ok(op.operationId, `${method} ${p} has an operationId`);
      for (const [status, response] of Object.entries(op.responses)) {
        const r = c.resolve(response);
        if (Number(status) >= 400) {
          assert.ok(r.content?.['application/problem+json'], `${method} ${p} ${status} is problem+json`);
        }
      }
      // Public operations (`security: []`: health, login, the residents' directory) never
      // answer 401; every other one must document it.
      const isPublic = Array.isArray(op.security) && op.security.length === 0;
      if (!isPublic && p !== '/api/v1/health' && !(method === 'post' && p === '/api/v1/session')) {
        assert.ok(op.responses['401'], `${method} ${p} documents 401`);
      }
    }
  }
});

test('the contract check wants the documented required headers', () => {
  const c = contract();
  const territory = { id: 'x', code: 'RO:1', name: 'N', name_latin: null, level: 'settlement', parent_code: 'RO', path: '/RO/RO:1/', ancestors: [], version: 1 };
  const args = { method: 'GET', pathname: '/api/v1/territories/RO:1', status: 200, contentType: 'application/json', body: territory };
  assert.deepEqual(c.check({ ...args, headers: { etag: '"1"' } }), []);
  assert.equal(c.check({ ...args, headers: {} }).length, 1);
  assert.equal(c.check({ ...args, headers: { etag: '1' } }).length, 1);
});

test('every response schema of docs/openapi.yaml compiles, and its examples validate', () => {
  const c = contract();
  assert.ok(c.compileAll() > 50);
  const checkExample = (where, value, method, template, status, mediaType) => {
    const validate = c.validators.get(`${method.toUpperCase()} ${template} ${status} ${mediaType}`);
    assert.ok(validate(value), `${where}: ${c.ajv.errorsText(validate.errors)}`);
  };
  for (const [template, item] of Object.entries(c.doc.paths)) {
    for (const [method, op] of Object.entries(item)) {
      if (method === 'parameters') continue;
      for (const [status, raw] of Object.entries(op.responses)) {
        for (const [mediaType, media] of Object.entries(c.resolve(raw).content ?? {})) {
          const where = `${method} ${template} ${status}`;
          if (media.example !== undefined) checkExample(where, media.example, method, template, status, mediaType);
          for (const [name, ex] of Object.entries(media.examples ?? {})) {
            checkExample(`${where} example ${name}`, c.resolve(ex).value, method, template, status, mediaType);
          }
        }
      }
    }
  }
});
