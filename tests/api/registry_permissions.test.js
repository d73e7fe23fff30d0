// Cross-territory permissions of the registry (persons and households): every role, scoped to
// one community (RO:1017 Alba Iulia), an administrator over its region (RO:10) and the
// installation-wide first administrator try every registry endpoint on records inside their
// community, in a sibling community of the same region (RO:1071 Ciugud) and in another
// country's community (UA:UA01020010000048857). Expected statuses come from the role →
// permission table of docs/api-contract.md and the visibility rule of docs/registry-api.md: a
// record outside the caller's scope does not exist for them (404 person.not_found /
// household.not_found, never 403, never in a search or list); a role without person.read gets
// 403 auth.forbidden on every registry endpoint.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { ADMIN_PASSWORD, backends, createDatabase, startServer } from './lib/server.js';
import { Actor } from './lib/client.js';

const HOME = 'RO:1017'; // Municipiul Alba Iulia
const HOME_SETTLEMENT = 'RO:1026'; // the settlement Alba Iulia, inside HOME
const HOME_REGION = 'RO:10'; // Județul Alba
const SIBLING = 'RO:1071'; // Ciugud, another community of RO:10
const ELSEWHERE = 'UA:UA01020010000048857'; // Андріївська hromada
const PASSWORD = 'Registry-Password-1';
const sha = (text) => createHash('sha256').update(text).digest('hex');

// docs/api-contract.md, "Roles → permissions".
const PERMISSIONS = {
  administrator: ['person.read', 'person.write', 'person.import'],
  head_of_service: ['person.read', 'person.write', 'person.import'],
  social_worker: ['person.read', 'person.write'],
  benefits_officer: ['person.read'],
  commission_member: ['person.read'],
  provider_staff: [],
  analyst: [],
  auditor: [],
};

const CALLERS = [
  ...Object.keys(PERMISSIONS).map((role) => ({ key: role, role, scope: HOME, wide: false })),
  { key: 'region_admin', role: 'administrator', scope: HOME_REGION, wide: false },
  { key: 'admin', role: 'administrator', scope: null, wide: true },
];

// Where each target lives, by name.
const PLACES = { inside: HOME, sibling: SIBLING, outside: ELSEWHERE };

function visibleTo(caller, where) {
  if (caller.wide || where === 'inside') return true;
  return where === 'sibling' && caller.scope === HOME_REGION;
}

// [status, problem code or undefined] expected for `caller` doing `op` on a target `where`.
function expected(op, caller, where) {
  const perms = new Set(PERMISSIONS[caller.role]);
  const forbidden = [403, 'auth.forbidden'];
  const visible = visibleTo(caller, where);
  const [entity, action] = op.split('.');
  // Imports need person.import for everything; persons and households read / write.
  const read = entity === 'import' ? perms.has('person.import') : perms.has('person.read');
  const write = entity === 'import' ? perms.has('person.import') : perms.has('person.write');
  switch (action) {
    case 'search':
    case 'search_identifier':
    case 'list':
      return read ? [200] : forbidden;
    case 'get':
    case 'history':
      if (!read) return forbidden;
      return visible ? [200] : [404, `${entity}.not_found`];
    case 'create':
      // Registering into a community outside one's scope is refused; the territory itself is
      // public knowledge (the tree), so this is 403, not 404.
      if (!write) return forbidden;
      return visible ? [201] : forbidden;
    case 'cancel':
      // The first administrator cancels last (callers run in order), so every job is still
      // uploading when the others try.
    case 'patch':
      if (!write) return forbidden;
      return visible ? [200] : [404, `${entity}.not_found`];
    case 'move':
      // A person of HOME moved to the target community: needs person.write over both.
      if (!write) return forbidden;
      return visible ? [200] : forbidden;
    case 'create_with_member':
      // A household in HOME whose head is the target person: an invisible person is "not
      // found"; a visible one of another community is refused as such.
      if (!write) return forbidden;
      if (!visible) return [400, 'household.member_not_found'];
      return where === 'inside' ? [201] : [400, 'household.member_other_community'];
    default:
      throw new Error(op);
  }
}

for (const backend of backends()) {
  describe(`registry permissions on ${backend.name}`, () => {
    let db;
    let server;
    let admin;
    const persons = {}; // where → person (as created)
    const households = {}; // where → household
    const jobs = {}; // where → import job (by the first administrator, scoped to that community)
    const actors = {};

    before(async () => {
      db = createDatabase(backend);
      server = await startServer({ db });
      admin = new Actor(server.url, 'admin');
      await admin.login('admin', ADMIN_PASSWORD);
      const post = async (path, json) => {
        const res = await admin.request({ method: 'POST', path, json });
        assert.equal(res.status, 201, `POST ${path} ${JSON.stringify(json)}: ${res.text}`);
        return res.json;
      };
      persons.inside = await post('/api/v1/persons', {
        given_name: 'Ana', family_name: 'Inăuntru', birth_date: '1971-01-01',
        identifiers: [{ scheme: 'RO-CNP', value: '2710101220023' }], community_code: HOME,
      });
      persons.sibling = await post('/api/v1/persons', {
        given_name: 'Sorin', family_name: 'Vecinescu', birth_date: '1972-02-02', community_code: SIBLING,
      });
      persons.outside = await post('/api/v1/persons', {
        given_name: 'Ольга', family_name: 'Закордонна',
        identifiers: [{ scheme: 'UA-RNOKPP', value: '3074700128' }], community_code: ELSEWHERE,
      });
      for (const where of Object.keys(PLACES)) {
        households[where] = await post('/api/v1/households', { community_code: PLACES[where], dwelling_type: 'house' });
        jobs[where] = await post('/api/v1/persons/imports', { file_name: `${where}.csv`, size: 100, sha256: sha(`admin ${where}`), community_code: PLACES[where] });
      }
      for (const caller of CALLERS) {
        if (caller.wide) {
          actors[caller.key] = admin;
          continue;
        }
        const username = `r.${caller.key.replace(/_/g, '-')}`;
        await post('/api/v1/users', {
          username,
          display_name: `Registry ${caller.key}`,
          home_territory_code: caller.scope,
          roles: [{ role: caller.role, territory_code: caller.scope }],
          password: PASSWORD,
        });
        const actor = new Actor(server.url, caller.key);
        await actor.login(username, PASSWORD);
        actors[caller.key] = actor;
      }
    });

    after(async () => {
      if (server) {
        const exit = await server.stop();
        assert.equal(exit.code, 0, `socius exited with ${JSON.stringify(exit)} on SIGTERM`);
      }
      db?.drop();
    });

    const version = async (path) => {
      const res = await admin.request({ path });
      assert.equal(res.status, 200, `reading ${path}: ${res.text}`);
      return res.json.version;
    };
    const q = (text) => encodeURIComponent(text);

    // Each returns the response; `check(res)` (optional) adds leak checks on a 200.
    const requests = {
      'person.search': (a, where) => a.request({ path: `/api/v1/persons?q=${q(persons[where].family_name)}` }),
      'person.search_identifier': (a, where) => a.request({ path: `/api/v1/persons?q=${persons[where].identifiers[0]?.value ?? '1972'}` }),
      'person.list': (a) => a.request({ path: '/api/v1/persons?limit=200' }),
      'person.get': (a, where) => a.request({ path: `/api/v1/persons/${persons[where].id}` }),
      'person.history': (a, where) => a.request({ path: `/api/v1/persons/${persons[where].id}/history` }),
      'person.create': (a, where, key) =>
        a.request({ method: 'POST', path: '/api/v1/persons', json: { given_name: 'Nou', family_name: `Creat ${key.replace(/_/g, ' ')}`, community_code: PLACES[where] } }),
      'person.patch': async (a, where, key) => {
        const path = `/api/v1/persons/${persons[where].id}`;
        return a.request({ method: 'PATCH', path, headers: { 'If-Match': `"${await version(path)}"` }, json: { address: `Changed by ${key}` } });
      },
      'person.move': async (a, where, key) => {
        // A fresh person of HOME for each try, so a successful move changes nobody else's target.
        const res = await admin.request({ method: 'POST', path: '/api/v1/persons', json: { given_name: 'Mutat', family_name: `Mover ${key.replace(/_/g, ' ')} ${where}`, community_code: HOME } });
        assert.equal(res.status, 201, res.text);
        return a.request({ method: 'PATCH', path: `/api/v1/persons/${res.json.id}`, headers: { 'If-Match': '"1"' }, json: { community_code: PLACES[where] } });
      },
      'household.list': (a) => a.request({ path: '/api/v1/households?limit=200' }),
      'household.get': (a, where) => a.request({ path: `/api/v1/households/${households[where].id}` }),
      'household.create': (a, where) => a.request({ method: 'POST', path: '/api/v1/households', json: { community_code: PLACES[where] } }),
      'household.patch': async (a, where, key) => {
        const path = `/api/v1/households/${households[where].id}`;
        return a.request({ method: 'PATCH', path, headers: { 'If-Match': `"${await version(path)}"` }, json: { address: `Changed by ${key}` } });
      },
      'household.create_with_member': async (a, where, key) => {
        // The head: a fresh person of the target's community, in no household yet.
        const res = await admin.request({ method: 'POST', path: '/api/v1/persons', json: { given_name: 'Cap', family_name: `Head ${key.replace(/_/g, ' ')} ${where}`, community_code: PLACES[where] } });
        assert.equal(res.status, 201, res.text);
        return a.request({ method: 'POST', path: '/api/v1/households', json: { community_code: HOME, members: [{ person_id: res.json.id, relationship_to_head: 'head' }] } });
      },
      'import.list': (a) => a.request({ path: '/api/v1/persons/imports?limit=200' }),
      'import.get': (a, where) => a.request({ path: `/api/v1/persons/imports/${jobs[where].id}` }),
      'import.create': (a, where, key) =>
        a.request({ method: 'POST', path: '/api/v1/persons/imports', json: { file_name: 'x.csv', size: 10, sha256: sha(`${key} ${where}`), community_code: PLACES[where] } }),
      'import.cancel': (a, where) => a.request({ method: 'DELETE', path: `/api/v1/persons/imports/${jobs[where].id}` }),
    };
    const untargeted = new Set(['person.list', 'household.list', 'import.list']);

    for (const caller of CALLERS) {
      it(`${caller.key} (${caller.role} over ${caller.scope ?? 'the installation'})`, async () => {
        const actor = actors[caller.key];
        const mismatches = [];
        for (const [op, send] of Object.entries(requests)) {
          for (const where of untargeted.has(op) ? ['inside'] : Object.keys(PLACES)) {
            const [status, code] = expected(op, caller, where);
            const res = await send(actor, where, caller.key);
            const label = `${op}${untargeted.has(op) ? '' : ` ${where}`}`;
            if (res.status !== status || (code && res.json?.code !== code)) {
              mismatches.push(`${label}: expected ${status}${code ? ` ${code}` : ''}, got ${res.status} ${res.json?.code ?? ''} ${res.status < 300 ? '' : res.json?.detail ?? ''}`);
              continue;
            }
            if (res.status !== 200) continue;
            // Searches and lists show exactly what is visible.
            if (op === 'person.search' || op === 'person.search_identifier') {
              const found = res.json.items.some((p) => p.id === persons[where].id);
              if (found !== visibleTo(caller, where)) mismatches.push(`${label}: target ${found ? 'leaked' : 'missing'}`);
            }
            if (op === 'import.list' && !caller.wide) {
              // Only one's own jobs are listed.
              const others = res.json.items.filter((j) => Object.values(jobs).some((k) => k.id === j.id));
              if (others.length) mismatches.push(`${label}: lists the administrator's jobs ${others.map((j) => j.file_name).join(', ')}`);
            }
            if (op === 'person.list' || op === 'household.list') {
              const records = op === 'person.list' ? persons : households;
              for (const w of Object.keys(PLACES)) {
                const found = res.json.items.some((r) => r.id === records[w].id);
                if (found !== visibleTo(caller, w)) mismatches.push(`${label}: ${w} record ${found ? 'leaked' : 'missing'}`);
              }
              if (!caller.wide) {
                const foreign = res.json.items.filter((r) => !r.community_code.startsWith('RO:'));
                if (foreign.length) mismatches.push(`${label}: shows ${foreign.map((r) => r.community_code).join(', ')}`);
              }
            }
            if (op === 'person.history' && !res.json.items.every((e) => e.entity_id === persons[where].id)) {
              mismatches.push(`${label}: entries of another entity`);
            }
          }
        }
        assert.deepEqual(mismatches, [], `${caller.key}:\n  ${mismatches.join('\n  ')}`);
      });
    }

    it('refused requests changed and read nothing outside the callers\' scope', async () => {
      for (const where of ['outside', 'sibling']) {
        // Only callers who may see the record appear in its audit trail.
        const allowed = CALLERS.filter((c) => visibleTo(c, where)).map((c) => (c.wide ? 'admin' : `r.${c.key.replace(/_/g, '-')}`));
        const res = await admin.request({ path: `/api/v1/audit?entity_id=${persons[where].id}&limit=200` });
        assert.equal(res.status, 200, res.text);
        const actorsSeen = new Set(res.json.items.map((e) => e.actor_username));
        for (const name of actorsSeen) assert.ok(allowed.includes(name), `${name} appears in the audit trail of the ${where} person`);
        const person = await admin.request({ path: `/api/v1/persons/${persons[where].id}` });
        assert.equal(person.json.address, 'Changed by admin', 'the first administrator changed it last');
        const household = await admin.request({ path: `/api/v1/households/${households[where].id}` });
        assert.equal(household.json.address, 'Changed by admin');
      }
      // Nobody but the administrators who may created persons outside HOME.
      const created = await admin.request({ path: `/api/v1/persons?q=${q('Nou')}&limit=200` });
      assert.equal(created.status, 200);
      const outsideHome = created.json.items.filter((p) => p.family_name.startsWith('Creat') && p.community_code !== HOME);
      assert.deepEqual(
        outsideHome.map((p) => `${p.family_name}@${p.community_code}`).sort(),
        ['Creat admin@RO:1071', 'Creat admin@UA:UA01020010000048857', 'Creat region admin@RO:1071'].sort(),
      );
    });

    it('a household member cannot move away, so a household never shows a worker a member they may not see', async () => {
      const res = await admin.request({ method: 'POST', path: '/api/v1/persons', json: { given_name: 'Plecat', family_name: 'Departe', birth_date: '1960-06-06', community_code: HOME } });
      assert.equal(res.status, 201, res.text);
      const leaver = res.json;
      const hh = await admin.request({ method: 'POST', path: '/api/v1/households', json: { members: [{ person_id: leaver.id, relationship_to_head: 'head' }] } });
      assert.equal(hh.status, 201, hh.text);
      const current = await admin.request({ path: `/api/v1/persons/${leaver.id}` });
      assert.equal(current.status, 200, current.text);
      assert.equal(current.json.household_id, hh.json.id, current.text);
      // docs/registry-api.md: a member of a household must leave it before moving away.
      const move = await admin.request({ method: 'PATCH', path: `/api/v1/persons/${leaver.id}`, headers: { 'If-Match': `"${current.json.version}"` }, json: { community_code: SIBLING } });
      assert.equal(move.status, 409, move.text);
      assert.equal(move.json.code, 'person.moving_household_member', move.text);
      assert.equal(move.json.field, 'community_code', move.text);
      const after = await admin.request({ path: `/api/v1/persons/${leaver.id}` });
      assert.equal(after.json.community_code, HOME, after.text);
      assert.equal(after.json.version, current.json.version, 'the refused move changed the person');
      const worker = actors.social_worker;
      const seen = await worker.request({ path: `/api/v1/households/${hh.json.id}` });
      assert.equal(seen.status, 200, seen.text);
      assert.deepEqual(seen.json.members.map((m) => m.person_id), [leaver.id], seen.text);
      for (const m of seen.json.members) {
        const person = await worker.request({ path: `/api/v1/persons/${m.person_id}` });
        assert.equal(person.status, 200, `the household of ${HOME} shows ${m.given_name} ${m.family_name} (born ${m.birth_date}), whom the worker may not see: ${person.text}`);
      }
    });

    it('a home-scoped worker finds the outside person by no name, identifier, year or date', async () => {
      const worker = actors.social_worker;
      for (const text of ['Закордонна', 'Zakordonna', 'Закордона', '3074700128', '1984', '1984-03-07', '07.03.1984', 'Olha']) {
        const res = await worker.request({ path: `/api/v1/persons?q=${q(text)}` });
        assert.equal(res.status, 200, res.text);
        assert.ok(!res.json.items.some((p) => p.id === persons.outside.id), `q=${text} leaks the person of ${ELSEWHERE}`);
      }
      // …while the installation-wide administrator does find her by each (a control: the
      // queries themselves are good).
      for (const text of ['Закордонна', 'Zakordonna', '3074700128', '1984-03-07']) {
        const res = await admin.request({ path: `/api/v1/persons?q=${q(text)}` });
        assert.ok(res.json.items.some((p) => p.id === persons.outside.id), `admin: q=${text} misses the person`);
      }
    });
  });
}
