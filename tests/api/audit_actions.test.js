// The audit actions are listed in three places that must agree: the server's kAuditActions
// (src/auth/audit.h; AppendAudit refuses any other), docs/openapi.yaml's AuditAction enum and
// the web's filter (web/src/features/admin/audit/actions.ts). And every action written in the
// server's sources is in the list.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import YAML from 'yaml';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const read = (file) => readFileSync(path.join(ROOT, file), 'utf8');
const quoted = (text) => [...text.matchAll(/"([a-z_]+\.[a-z0-9_]+)"/g)].map((m) => m[1]);

function serverList() {
  const header = read('src/auth/audit.h');
  const block = /kAuditActions\[\]\s*=\s*\{([^}]*)\}/.exec(header);
  assert.ok(block, 'kAuditActions not found in src/auth/audit.h');
  return quoted(block[1]);
}

function sourcesUnder(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) out.push(...sourcesUnder(full));
    else if (name.endsWith('.cc') && !name.endsWith('_test.cc')) out.push(full);
  }
  return out;
}

test('the server, the contract and the web list the same audit actions', () => {
  const server = serverList();
  const contract = YAML.parse(read('docs/openapi.yaml')).components.schemas.AuditAction.enum;
  const webText = read('web/src/features/admin/audit/actions.ts');
  const web = [.../AUDIT_ACTIONS = \[([^\]]*)\]/.exec(webText)[1].matchAll(/"([a-z_]+\.[a-z0-9_]+)"/g)].map((m) => m[1]);
  assert.deepEqual([...contract].sort(), [...server].sort());
  assert.deepEqual([...web].sort(), [...server].sort());
  for (const action of ['person.read', 'person.create', 'household.create', 'person.import']) {
    assert.ok(server.includes(action), action);
  }
});

test('every action the server writes is listed', () => {
  const listed = new Set(serverList());
  const written = new Set();
  for (const file of sourcesUnder(path.join(ROOT, 'src'))) {
    const text = readFileSync(file, 'utf8');
    // Audit(tx, who, "x.y", ...), AuditEvent{"x.y", ...} and event.action = "x.y".
    for (const m of text.matchAll(/(?:Audit\(\s*tx,\s*[^,]+,\s*|AuditEvent\{\s*|\.action = )"([a-z_]+\.[a-z0-9_]+)"/g)) {
      written.add(m[1]);
    }
  }
  assert.ok(written.size >= 10, `found only ${[...written]}`);
  for (const action of written) assert.ok(listed.has(action), `${action} is written but not in kAuditActions`);
});
