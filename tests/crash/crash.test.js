// Crash safety (DESIGN §7): a killed server loses no acknowledged write.
//
// Sixteen clients create territories, users and persons, and read persons back (an audited
// read is a write too), as fast as they can; every acknowledged request is recorded. Group
// commit puts these concurrent writes into shared transactions. The server is SIGKILLed in
// mid-stream, restarted on the same database, and every acknowledged record must be there,
// each with its audit entry (every acknowledged person read too), and `socius audit verify`
// must pass.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { ADMIN_PASSWORD, backends, createDatabase, runCli, startServer } from '../api/lib/server.js';
import { Actor } from '../api/lib/client.js';

const WORKERS = 16;
const MIN_ACKS = Number(process.env.SOCIUS_CRASH_MIN_ACKS ?? 300);
const MAX_WRITE_MS = 20_000;
// How a request dies when the server is killed under it.
const CUT = new Set(['ECONNRESET', 'EPIPE']);

// Names take letters only: 0 → 'a', 27 → 'bb'.
const letters = (n) => (n < 26 ? '' : letters(Math.floor(n / 26) - 1)) + String.fromCharCode(97 + (n % 26));

// Every audit entry matching `query` (e.g. 'action=user.create'), through all its pages.
async function auditEntries(admin, query) {
  const entries = [];
  let cursor = null;
  do {
    const res = await admin.request({ path: `/api/v1/audit?${query}&limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}` });
    assert.equal(res.status, 200, res.text);
    entries.push(...res.json.items);
    cursor = res.json.next_cursor;
  } while (cursor);
  return entries;
}

async function writeUntilKilled(server, acked) {
  const admin = new Actor(server.url, 'admin');
  await admin.login('admin', ADMIN_PASSWORD);
  let stop = false;
  let failures = 0;
  let cut = 0;
  const worker = async (w) => {
    let person = null; // the last person this worker registered, read back in turn
    for (let i = 0; !stop; i++) {
      const kind = ['territory', 'person', 'user', person ? 'read' : 'territory'][i % 4];
      const name = `crash-${w}-${i}`;
      const req =
        kind === 'read'
          ? { method: 'GET', path: `/api/v1/persons/${person}` }
          : kind === 'person'
          ? { method: 'POST', path: '/api/v1/persons', json: { given_name: `Crash ${letters(w)}`, family_name: `Run ${letters(i)}`, community_code: 'RO:1017' } }
          : kind === 'territory'
          ? {
              method: 'POST',
              path: '/api/v1/territories',
              json: { code: `RO:${name.toUpperCase()}`, name: `Crash ${w} ${i}`, level: 'settlement', parent_code: 'RO:1017' },
            }
          : {
              method: 'POST',
              path: '/api/v1/users',
              json: {
                username: `u.${name}`,
                display_name: `Crash ${w} ${i}`,
                home_territory_code: 'RO:1017',
                roles: [{ role: 'social_worker', territory_code: 'RO:1017' }],
                password: 'Crash-Password-1',
              },
            };
      try {
        // No contract validation here: a response cut by the kill is expected.
        const res = await admin.request({ ...req, validate: false });
        if (kind === 'read' && res.status === 200) {
          acked.push({ kind, id: person });
        } else if (res.status === 201) {
          if (kind === 'person') person = res.json.id;
          acked.push(
            kind === 'territory'
              ? { kind, code: req.json.code, id: res.json.id }
              : kind === 'person'
              ? { kind, id: res.json.id }
              : { kind, id: res.json.user.id, username: req.json.username },
          );
        } else if (!stop) {
          failures++;
          throw new Error(`${req.method} ${req.path} → ${res.status}: ${res.text}`);
        }
      } catch (e) {
        if (stop && CUT.has(e.code)) {
          cut++; // the connection died with the server
          return;
        }
        throw e;
      }
    }
  };
  const running = Array.from({ length: WORKERS }, (_, w) => worker(w));
  const started = Date.now();
  while (acked.length < MIN_ACKS && Date.now() - started < MAX_WRITE_MS) await sleep(20);
  // Nothing runs between these two lines, so every worker has a request in flight at the kill.
  stop = true;
  const exit = await server.kill();
  const results = await Promise.allSettled(running);
  const errors = results.filter((r) => r.status === 'rejected').map((r) => r.reason.message);
  assert.deepEqual(errors, [], 'writes before the kill failed');
  assert.equal(failures, 0);
  assert.deepEqual(exit, { code: null, signal: 'SIGKILL' }, 'the server was not the one SIGKILL ended');
  assert.ok(cut > 0, `the kill cut no request in flight (all ${WORKERS} were answered first)`);
  assert.ok(acked.length >= MIN_ACKS, `only ${acked.length} writes acknowledged in ${MAX_WRITE_MS} ms`);
  return cut;
}

for (const backend of backends()) {
  describe(`crash safety on ${backend.name}`, () => {
    it('every acknowledged write survives SIGKILL, and the audit chain verifies', async (t) => {
      const db = createDatabase(backend);
      const acked = [];
      try {
        const first = await startServer({ db });
        const cut = await writeUntilKilled(first, acked);
        t.diagnostic(`${acked.length} writes acknowledged before SIGKILL, ${cut} requests cut by it`);

        const second = await startServer({ db });
        try {
          const admin = new Actor(second.url, 'admin');
          await admin.login('admin', ADMIN_PASSWORD);
          // Count the acknowledged person reads before this check reads persons again.
          const readsOf = new Map();
          for (const w of acked) if (w.kind === 'read') readsOf.set(w.id, (readsOf.get(w.id) ?? 0) + 1);
          const missing = [];
          for (const w of acked) {
            if (w.kind === 'read') continue;
            const path =
              w.kind === 'territory' ? `/api/v1/territories/${w.code}` : w.kind === 'person' ? `/api/v1/persons/${w.id}` : `/api/v1/users/${w.id}`;
            const res = await admin.request({ path });
            if (res.status !== 200) missing.push(`${w.kind} ${w.code ?? w.username}: ${res.status}`);
          }
          assert.deepEqual(missing, [], `${missing.length} of ${acked.length} acknowledged writes were lost`);

          // Each acknowledged write has its audit entry (written in the same transaction): one
          // whose entity is the record and, for territories and users, whose detail names it.
          const audited = { territory: new Map(), user: new Map(), person: new Map() };
          for (const kind of ['territory', 'user', 'person']) {
            for (const e of await auditEntries(admin, `action=${kind}.create`)) {
              assert.equal(e.entity_type, kind, JSON.stringify(e));
              audited[kind].set(e.entity_id, e.detail);
            }
          }
          const unaudited = acked.filter((w) => {
            if (w.kind === 'read') return false;
            const detail = audited[w.kind].get(w.id);
            if (w.kind === 'territory') return detail?.code !== w.code;
            if (w.kind === 'user') return detail?.username !== w.username;
            return detail === undefined;
          });
          assert.deepEqual(unaudited, [], 'acknowledged writes without an audit entry');

          // Each acknowledged read has its person.read entry: at least as many per person as
          // were acknowledged (a read cut by the kill may have committed without its answer).
          const short = [];
          for (const [id, reads] of readsOf) {
            const entries = (await auditEntries(admin, `action=person.read&entity_id=${id}`)).length;
            // The check above read each person once more, after the restart.
            if (entries - 1 < reads) short.push(`${id}: ${reads} reads acknowledged, ${entries - 1} audited`);
          }
          assert.deepEqual(short, [], 'acknowledged person reads without their audit entry');

          const verify = await admin.request({ path: '/api/v1/audit/verify' });
          assert.equal(verify.status, 200, verify.text);
          assert.equal(verify.json.ok, true, verify.text);
        } finally {
          const exit = await second.stop();
          assert.equal(exit.code, 0, `restarted socius exited with ${JSON.stringify(exit)} on SIGTERM`);
        }

        // SOCIUS_DB is the documented alternative to --db (DESIGN §5).
        const cli = runCli(['audit', 'verify'], { SOCIUS_DB: db.url });
        assert.equal(cli.status, 0, `socius audit verify exited ${cli.status}:\n${cli.stdout}\n${cli.stderr}`);
      } finally {
        db.drop();
      }
    });
  });
}

