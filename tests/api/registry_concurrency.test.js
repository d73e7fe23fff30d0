// Races on the registry that a scenario (one request at a time) cannot show: two registrations
// with the same identifier, and two changes based on the same version. Exactly one wins; the
// other gets its documented 409, never a 500, and the loser changed nothing.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { ADMIN_PASSWORD, backends, createDatabase, startServer } from './lib/server.js';
import { Actor } from './lib/client.js';
import { make } from './lib/identifiers.js';
import { createHash } from 'node:crypto';
import { missingRoutes } from './lib/scenario.js';

const HOME = 'RO:1017';

for (const backend of backends()) {
  describe(`registry races on ${backend.name}`, () => {
    let db;
    let server;
    const actors = [];

    before(async () => {
      db = createDatabase(backend);
      server = await startServer({ db });
      // Separate sessions, as two workers at two desks.
      for (let i = 0; i < 4; i++) {
        const a = new Actor(server.url, `admin#${i}`);
        await a.login('admin', ADMIN_PASSWORD);
        actors.push(a);
      }
    });

    after(async () => {
      if (server) {
        const exit = await server.stop();
        assert.equal(exit.code, 0, `socius exited with ${JSON.stringify(exit)} on SIGTERM`);
      }
      db?.drop();
    });

    it('four registrations with one identifier at once: one 201, three 409 person.duplicate_identifier', async () => {
      for (let round = 0; round < 5; round++) {
        const cnp = make('RO-CNP', { birth_date: '1980-01-01', sex: 'male', serial: 100 + round });
        const results = await Promise.all(
          actors.map((a, i) =>
            a.request({ method: 'POST', path: '/api/v1/persons', json: { given_name: 'Geamăn', family_name: `Racer${"abcde"[round]}${"ABCD"[i]}`, identifiers: [{ scheme: 'RO-CNP', value: cnp }], community_code: HOME } }),
          ),
        );
        const statuses = results.map((r) => r.status).sort();
        assert.deepEqual(statuses, [201, 409, 409, 409], `round ${round}: ${results.map((r) => `${r.status} ${r.json?.code ?? ''}`).join(', ')}`);
        for (const r of results.filter((x) => x.status === 409)) assert.equal(r.json.code, 'person.duplicate_identifier');
        const found = await actors[0].request({ path: `/api/v1/persons?q=${cnp}` });
        assert.equal(found.json.items.length, 1, `round ${round}: ${cnp} is held by ${found.json.items.length} persons`);
      }
    });

    it('four changes on one version at once: one 200, three 409 conflict.stale_version', async () => {
      const created = await actors[0].request({ method: 'POST', path: '/api/v1/persons', json: { given_name: 'Ana', family_name: 'Concurentă', community_code: HOME } });
      assert.equal(created.status, 201, created.text);
      const path = `/api/v1/persons/${created.json.id}`;
      for (let round = 0; round < 5; round++) {
        const version = (await actors[0].request({ path })).json.version;
        const results = await Promise.all(
          actors.map((a, i) => a.request({ method: 'PATCH', path, headers: { 'If-Match': `"${version}"` }, json: { address: `Round ${round} by ${i}` } })),
        );
        const statuses = results.map((r) => r.status).sort();
        assert.deepEqual(statuses, [200, 409, 409, 409], `round ${round}: ${results.map((r) => `${r.status} ${r.json?.code ?? ''}`).join(', ')}`);
        const winner = results.findIndex((r) => r.status === 200);
        const now = (await actors[0].request({ path })).json;
        assert.equal(now.version, version + 1);
        assert.equal(now.address, `Round ${round} by ${winner}`);
      }
    });

    const noImports = missingRoutes({ requires_routes: ['POST /api/v1/persons/imports', 'PUT /api/v1/persons/imports/{id}/content'] });
    it('four chunks for one offset of an import at once: one 200, three 409 import.offset_mismatch', { skip: noImports ?? false }, async () => {
      const csv = Buffer.from('given_name,family_name,community_code\nAna,Paralel,RO:1017\n', 'utf8');
      const sha256 = createHash('sha256').update(csv).digest('hex');
      const job = await actors[0].request({ method: 'POST', path: '/api/v1/persons/imports', json: { file_name: 'race.csv', size: csv.length, sha256 } });
      assert.equal(job.status, 201, job.text);
      const half = 20;
      const results = await Promise.all(
        actors.map((a) =>
          a.request({ method: 'PUT', path: `/api/v1/persons/imports/${job.json.id}/content?offset=0`, headers: { 'content-type': 'text/csv' }, body: csv.subarray(0, half) }),
        ),
      );
      const statuses = results.map((r) => r.status).sort();
      assert.deepEqual(statuses, [200, 409, 409, 409], results.map((r) => `${r.status} ${r.json?.code ?? ''}`).join(', '));
      for (const r of results.filter((x) => x.status === 409)) {
        assert.equal(r.json.code, 'import.offset_mismatch');
        assert.equal(r.json.expected_offset, half);
      }
      const now = await actors[0].request({ path: `/api/v1/persons/imports/${job.json.id}` });
      assert.equal(now.json.bytes_received, half, 'the chunk was stored once');
    });

    it('four households claiming one person at once: one 201, three 409 household.member_in_other_household', async () => {
      const created = await actors[0].request({ method: 'POST', path: '/api/v1/persons', json: { given_name: 'Ion', family_name: 'Disputat', community_code: HOME } });
      assert.equal(created.status, 201, created.text);
      const results = await Promise.all(
        actors.map((a) => a.request({ method: 'POST', path: '/api/v1/households', json: { members: [{ person_id: created.json.id, relationship_to_head: 'head' }] } })),
      );
      const statuses = results.map((r) => r.status).sort();
      assert.deepEqual(statuses, [201, 409, 409, 409], results.map((r) => `${r.status} ${r.json?.code ?? ''}`).join(', '));
      const person = (await actors[0].request({ path: `/api/v1/persons/${created.json.id}` })).json;
      assert.equal(person.household_id, results.find((r) => r.status === 201).json.id);
      const list = await actors[0].request({ path: '/api/v1/households?limit=200' });
      assert.equal(list.json.items.filter((h) => h.members.some((m) => m.person_id === created.json.id)).length, 1);
    });
  });
}
