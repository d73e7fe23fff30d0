// Cross-territory permissions of possible duplicates, merges and runs (docs/dedup-api.md):
// every role scoped to one community (RO:1017 Alba Iulia), an administrator over its region
// (RO:10) and the installation-wide first administrator try every endpoint on a pair found in
// their community and on one found in another country's community (UA:UA01020010000048857).
// person.merge (head of service, administrator) reviews, decides and merges; dedup.run
// (administrator) starts runs. Without the permission a route needs, 403 auth.forbidden; what
// lies outside the caller's scope does not exist for them (404). Then a head of service merges a
// pair and undoes the merge, and both records read back as they were.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { ADMIN_PASSWORD, backends, createDatabase, startServer } from './lib/server.js';
import { Actor } from './lib/client.js';
import { missingRoutes } from './lib/scenario.js';

const HOME = 'RO:1017';
const HOME_REGION = 'RO:10';
const ELSEWHERE = 'UA:UA01020010000048857';
const PASSWORD = 'Dedup-Password-1';

const PERMISSIONS = {
  administrator: ['person.merge', 'dedup.run'],
  head_of_service: ['person.merge'],
  social_worker: [],
  benefits_officer: [],
  commission_member: [],
  provider_staff: [],
  analyst: [],
  auditor: [],
};

const CALLERS = [
  ...Object.keys(PERMISSIONS).map((role) => ({ key: role, role, scope: HOME, wide: false })),
  { key: 'region_admin', role: 'administrator', scope: HOME_REGION, wide: false },
  { key: 'admin', role: 'administrator', scope: null, wide: true },
];

const ROUTES = [
  'GET /api/v1/duplicates', 'GET /api/v1/duplicates/{id}', 'POST /api/v1/duplicates/{id}/not-same',
  'POST /api/v1/merges', 'POST /api/v1/merges/{id}/undo', 'POST /api/v1/duplicates/runs',
];
const skip = missingRoutes({ requires_routes: ROUTES }) ?? false;

async function waitForRun(actor, id) {
  for (let i = 0; i < 200; i += 1) {
    const res = await actor.request({ path: `/api/v1/duplicates/runs/${id}` });
    assert.equal(res.status, 200, res.text);
    if (res.json.status !== 'running') return res.json;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`run ${id} did not finish`);
}

for (const backend of backends()) {
  describe(`deduplication permissions on ${backend.name}`, { skip }, () => {
    let db;
    let server;
    let admin;
    const actors = {};
    const pairs = {};
    const persons = { inside: [], outside: [] };

    async function person(where, body) {
      const res = await admin.request({
        method: 'POST',
        path: '/api/v1/persons',
        json: { ...body, community_code: where === 'inside' ? HOME : ELSEWHERE, duplicate_reason: 'test data' },
      });
      assert.equal(res.status, 201, res.text);
      persons[where].push(res.json);
      return res.json;
    }

    before(async () => {
      db = createDatabase(backend);
      server = await startServer({ db });
      admin = new Actor(server.url, 'admin');
      await admin.login('admin', ADMIN_PASSWORD);
      for (const caller of CALLERS) {
        if (caller.wide) {
          actors[caller.key] = admin;
          continue;
        }
        const username = `dd.${caller.key.replace(/_/g, '-')}`;
        const res = await admin.request({
          method: 'POST',
          path: '/api/v1/users',
          json: {
            username,
            display_name: `Dedup ${username}`,
            home_territory_code: caller.scope,
            roles: [{ role: caller.role, territory_code: caller.scope }],
            password: PASSWORD,
          },
        });
        assert.equal(res.status, 201, res.text);
        const actor = new Actor(server.url, caller.key);
        await actor.login(username, PASSWORD);
        actors[caller.key] = actor;
      }
      await person('inside', { given_name: 'Ольга', family_name: 'Поліщук', birth_date: '1948-03-02', phone: '+40 721 000 111' });
      await person('inside', { given_name: 'Olha', family_name: 'Polishchuk', birth_date: '1948-03-02', address: 'Str. Unirii 4' });
      await person('outside', { given_name: 'Ганна', family_name: 'Шевченко', birth_date: '1951-09-12' });
      await person('outside', { given_name: 'Hanna', family_name: 'Shevchenko', birth_date: '1951-09-12' });
      for (const [where, code] of [['inside', HOME], ['outside', ELSEWHERE]]) {
        const started = await admin.request({ method: 'POST', path: '/api/v1/duplicates/runs', json: { territory_code: code } });
        assert.equal(started.status, 202, started.text);
        const run = await waitForRun(admin, started.json.id);
        assert.equal(run.status, 'done', JSON.stringify(run));
        const listed = await admin.request({ path: `/api/v1/duplicates?territory=${encodeURIComponent(code)}` });
        assert.equal(listed.status, 200, listed.text);
        assert.equal(listed.json.items.length, 1, listed.text);
        pairs[where] = listed.json.items[0];
      }
    });

    after(async () => {
      if (server) {
        const exit = await server.stop();
        assert.equal(exit.code, 0, `socius exited with ${JSON.stringify(exit)} on SIGTERM`);
      }
      db?.drop();
    });

    for (const caller of CALLERS) {
      it(`${caller.key} reaches what its role allows, inside and outside its territory`, async () => {
        const perms = new Set(PERMISSIONS[caller.role]);
        const forbidden = [403, 'auth.forbidden'];
        const mismatches = [];
        const check = (label, res, [status, code]) => {
          if (res.status !== status || (code && res.json?.code !== code)) {
            mismatches.push(`${label}: expected ${status} ${code ?? ''}, got ${res.status} ${res.json?.code ?? ''}`);
          }
        };
        const actor = actors[caller.key];
        for (const where of ['inside', 'outside']) {
          const visible = caller.wide || where === 'inside';
          const code = where === 'inside' ? HOME : ELSEWHERE;
          const pair = pairs[where];
          check(`list ${where}`, await actor.request({ path: `/api/v1/duplicates?territory=${encodeURIComponent(code)}` }),
            !perms.has('person.merge') ? forbidden : visible ? [200] : [404, 'territory.not_found']);
          check(`get ${where}`, await actor.request({ path: `/api/v1/duplicates/${pair.id}` }),
            !perms.has('person.merge') ? forbidden : visible ? [200] : [404, 'duplicate.not_found']);
          check(`runs ${where}`, await actor.request({ path: `/api/v1/duplicates/runs?territory=${encodeURIComponent(code)}` }),
            !perms.has('person.merge') ? forbidden : visible ? [200] : [404, 'territory.not_found']);
          // A refusal with a stale version changes nothing, and tells who may see the pair.
          check(`not-same ${where}`, await actor.request({ method: 'POST', path: `/api/v1/duplicates/${pair.id}/not-same`, json: { version: 999 } }),
            !perms.has('person.merge') ? forbidden : visible ? [409, 'conflict.stale_version'] : [404, 'duplicate.not_found']);
          const [x, y] = persons[where];
          check(`merge ${where}`, await actor.request({
            method: 'POST', path: '/api/v1/merges',
            json: { survivor_id: x.id, survivor_version: 999, merged_id: y.id, merged_version: 999 },
          }), !perms.has('person.merge') ? forbidden : visible ? [409, 'conflict.stale_version'] : [404, 'person.not_found']);
          if (!perms.has('dedup.run') || !visible) {
            check(`run ${where}`, await actor.request({ method: 'POST', path: '/api/v1/duplicates/runs', json: { territory_code: code } }),
              !perms.has('dedup.run') ? forbidden : [404, 'territory.not_found']);
          } else {
            const started = await actor.request({ method: 'POST', path: '/api/v1/duplicates/runs', json: { territory_code: code } });
            check(`run ${where}`, started, [202]);
            if (started.status === 202) await waitForRun(actor, started.json.id);
          }
        }
        assert.deepEqual(mismatches, [], `${caller.key}:\n  ${mismatches.join('\n  ')}`);
      });
    }

    it('a head of service merges the pair, the merged record points to the survivor, and the undo gives both back', async () => {
      const head = actors.head_of_service;
      const [x, y] = persons.inside;
      const beforeX = await head.request({ path: `/api/v1/persons/${x.id}` });
      const beforeY = await head.request({ path: `/api/v1/persons/${y.id}` });
      const merge = await head.request({
        method: 'POST', path: '/api/v1/merges',
        json: { survivor_id: x.id, survivor_version: beforeX.json.version, merged_id: y.id, merged_version: beforeY.json.version, take_from_merged: ['address'], pair_id: pairs.inside.id },
      });
      assert.equal(merge.status, 201, merge.text);
      const gone = await head.request({ path: `/api/v1/persons/${y.id}` });
      assert.equal(gone.status, 404);
      assert.equal(gone.json.code, 'person.merged');
      assert.equal(gone.json.params.survivor_id, x.id);
      const survivor = await head.request({ path: `/api/v1/persons/${x.id}` });
      assert.equal(survivor.json.address, 'Str. Unirii 4');
      const merges = await head.request({ path: `/api/v1/merges?territory=${HOME}` });
      assert.deepEqual(merges.json.items.map((m) => m.id), [merge.json.id]);
      const undo = await head.request({ method: 'POST', path: `/api/v1/merges/${merge.json.id}/undo`, headers: { 'If-Match': merge.headers.etag } });
      assert.equal(undo.status, 200, undo.text);
      for (const [before, id] of [[beforeX, x.id], [beforeY, y.id]]) {
        const after = await head.request({ path: `/api/v1/persons/${id}` });
        assert.equal(after.status, 200, after.text);
        const strip = ({ version, updated_at, ...rest }) => rest;
        assert.deepEqual(strip(after.json), strip(before.json));
      }
      const again = await head.request({ method: 'POST', path: `/api/v1/merges/${merge.json.id}/undo`, headers: { 'If-Match': undo.headers.etag } });
      assert.deepEqual([again.status, again.json.code], [409, 'merge.already_undone']);
      // One entry on each record's trail.
      const audit = await admin.request({ path: '/api/v1/audit?action=person.unmerge' });
      assert.deepEqual(audit.json.items.map((e) => e.entity_id).sort(), [x.id, y.id].sort(), audit.text);
    });
  });
}
