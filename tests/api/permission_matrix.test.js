// The permission matrix: every role, scoped to one community (RO:1017 Alba Iulia), plus an
// administrator scoped to its region (RO:10) and the installation-wide first administrator,
// tries every endpoint on a target inside its territory and on one in another country's
// community (UA:UA01020010000048857). The expected status comes from the role → permission
// table of docs/api-contract.md (with the benefits permissions of docs/benefits-api.md); records outside the caller's scope must be 404, never leaked.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { ADMIN_PASSWORD, backends, createDatabase, startServer } from './lib/server.js';
import { Actor } from './lib/client.js';

const HOME = 'RO:1017'; // Municipiul Alba Iulia
const HOME_CHILD = 'RO:1026'; // the settlement Alba Iulia, inside HOME
const HOME_REGION = 'RO:10'; // Județul Alba, an ancestor of HOME
const ELSEWHERE = 'UA:UA01020010000048857'; // Андріївська hromada
const PASSWORD = 'Matrix-Password-1';

const PERMISSIONS = {
  administrator: ['territory.read', 'territory.write', 'user.read', 'user.write', 'audit.read', 'person.read', 'person.write', 'person.import',
    'case.read', 'assessment.read', 'assessment.write', 'questionnaire.write', 'screening.read', 'service.read', 'service.manage', 'programme.manage',
    'benefit.read', 'report.read', 'report.drill', 'report.configure', 'person.merge', 'dedup.run'],
  head_of_service: ['territory.read', 'user.read', 'person.read', 'person.write', 'person.import', 'case.read', 'case.work', 'case.supervise',
    'assessment.read', 'assessment.write', 'screening.read', 'service.read', 'service.manage', 'enrolment.work', 'benefit.read', 'benefit.work',
    'report.read', 'report.drill', 'person.merge'],
  social_worker: ['territory.read', 'person.read', 'person.write', 'case.read', 'case.work', 'assessment.read', 'assessment.write', 'screening.read',
    'service.read', 'enrolment.work', 'benefit.read'],
  benefits_officer: ['territory.read', 'person.read', 'case.read', 'service.read', 'benefit.read', 'benefit.work'],
  commission_member: ['territory.read', 'person.read', 'case.read', 'service.read'],
  provider_staff: ['territory.read', 'provider.work'],
  analyst: ['territory.read', 'screening.read', 'service.read', 'report.read'],
  auditor: ['territory.read', 'audit.read'],
};

// The callers: one per role over HOME, a regional administrator, and the first administrator.
const CALLERS = [
  ...Object.keys(PERMISSIONS).map((role) => ({ key: role, role, scope: HOME, wide: false })),
  { key: 'region_admin', role: 'administrator', scope: HOME_REGION, wide: false },
  { key: 'admin', role: 'administrator', scope: null, wide: true },
];

// What each endpoint needs, and how it answers. `inside` / `outside` is the target's territory.
// Returns [status, code or undefined] expected for the caller.
function expected(op, caller, where) {
  const perms = new Set(PERMISSIONS[caller.role]);
  const forbidden = [403, 'auth.forbidden'];
  const visible = caller.wide || where === 'inside';
  switch (op) {
    case 'health':
      return [200];
    case 'session':
    case 'roles':
      return [200];
    case 'territory.list':
      return perms.has('territory.read') ? [200] : forbidden;
    case 'territory.get':
      if (!perms.has('territory.read')) return forbidden;
      return visible ? [200] : [404, 'territory.not_found'];
    case 'territory.get_ancestor':
      return perms.has('territory.read') ? [200] : forbidden;
    case 'territory.create':
      if (!perms.has('territory.write')) return forbidden;
      return visible ? [201] : [404, 'territory.parent_not_found'];
    case 'territory.patch':
      if (!perms.has('territory.write')) return forbidden;
      return visible ? [200] : [404, 'territory.not_found'];
    case 'user.list':
      return perms.has('user.read') ? [200] : forbidden;
    case 'user.get':
      if (!perms.has('user.read')) return forbidden;
      return visible ? [200] : [404, 'user.not_found'];
    case 'user.create':
      if (!perms.has('user.write')) return forbidden;
      return visible ? [201] : forbidden; // granting beyond one's own scope
    case 'user.patch':
    case 'user.password_reset':
      if (!perms.has('user.write')) return forbidden;
      return visible ? [200] : [404, 'user.not_found'];
    case 'user.create_grant_above':
      // Home inside, but a role over the region above the community.
      if (!perms.has('user.write')) return forbidden;
      return caller.scope === HOME ? forbidden : [201];
    case 'user.patch_grant_outside':
      // A user inside the scope, given a role over the other country's community.
      if (!perms.has('user.write')) return forbidden;
      return caller.wide ? [200] : forbidden;
    case 'audit.list':
      return perms.has('audit.read') ? [200] : forbidden;
    case 'audit.verify':
      return perms.has('audit.read') && caller.wide ? [200] : forbidden;
    default:
      throw new Error(op);
  }
}

for (const backend of backends()) {
  describe(`permission matrix on ${backend.name}`, () => {
    let db;
    let server;
    const admin = { actor: null };
    const targets = {};
    const actors = {};

    before(async () => {
      db = createDatabase(backend);
      server = await startServer({ db });
      admin.actor = new Actor(server.url, 'admin');
      await admin.actor.login('admin', ADMIN_PASSWORD);
      const create = async (username, home, grants) => {
        const res = await admin.actor.request({
          method: 'POST',
          path: '/api/v1/users',
          json: {
            username,
            display_name: `Matrix ${username}`,
            home_territory_code: home,
            roles: grants.map(([role, territory_code]) => ({ role, territory_code })),
            password: PASSWORD,
          },
        });
        assert.equal(res.status, 201, `creating ${username}: ${res.text}`);
        return res.json.user;
      };
      targets.inside = await create('target.inside', HOME, [['social_worker', HOME]]);
      targets.outside = await create('target.outside', ELSEWHERE, [['social_worker', ELSEWHERE]]);
      for (const caller of CALLERS) {
        if (caller.wide) {
          actors[caller.key] = admin.actor;
          continue;
        }
        const username = `m.${caller.key.replace(/_/g, '-')}`;
        await create(username, caller.scope, [[caller.role, caller.scope]]);
        const actor = new Actor(server.url, caller.key);
        const session = await actor.login(username, PASSWORD);
        assert.equal(session.user.must_change_password, false, `${username} was created with a password`);
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

    // The version of a record, read by the first administrator just before a PATCH.
    const currentVersion = async (path) => {
      const res = await admin.actor.request({ path });
      assert.equal(res.status, 200, `reading ${path}: ${res.text}`);
      return res.json.version;
    };

    const requests = {
      health: async (a) => a.request({ path: '/api/v1/health' }),
      session: async (a) => a.request({ path: '/api/v1/session' }),
      roles: async (a) => a.request({ path: '/api/v1/roles' }),
      'territory.list': async (a) => a.request({ path: '/api/v1/territories' }),
      'territory.get': async (a, where) => a.request({ path: `/api/v1/territories/${where === 'inside' ? HOME_CHILD : ELSEWHERE}` }),
      'territory.get_ancestor': async (a) => a.request({ path: `/api/v1/territories/${HOME_REGION}` }),
      'territory.create': async (a, where, key) =>
        a.request({
          method: 'POST',
          path: '/api/v1/territories',
          json: {
            code: `${where === 'inside' ? 'RO' : 'UA'}:MATRIX-${key}`,
            name: `Matrix ${key}`,
            level: 'settlement',
            parent_code: where === 'inside' ? HOME : ELSEWHERE,
          },
        }),
      'territory.patch': async (a, where, key) => {
        const code = where === 'inside' ? HOME_CHILD : ELSEWHERE;
        const version = await currentVersion(`/api/v1/territories/${code}`);
        return a.request({
          method: 'PATCH',
          path: `/api/v1/territories/${code}`,
          headers: { 'If-Match': `"${version}"` },
          json: { name_latin: `Patched by ${key}` },
        });
      },
      'user.list': async (a) => a.request({ path: '/api/v1/users?limit=200' }),
      'user.get': async (a, where) => a.request({ path: `/api/v1/users/${targets[where].id}` }),
      'user.create': async (a, where, key) => {
        const territory = where === 'inside' ? HOME : ELSEWHERE;
        return a.request({
          method: 'POST',
          path: '/api/v1/users',
          json: {
            username: `new.${where}.${key.replace(/_/g, '-')}`,
            display_name: 'New colleague',
            home_territory_code: territory,
            roles: [{ role: 'social_worker', territory_code: territory }],
          },
        });
      },
      'user.patch': async (a, where, key) => {
        const version = await currentVersion(`/api/v1/users/${targets[where].id}`);
        return a.request({
          method: 'PATCH',
          path: `/api/v1/users/${targets[where].id}`,
          headers: { 'If-Match': `"${version}"` },
          json: { display_name: `Renamed by ${key}` },
        });
      },
      'user.password_reset': async (a, where) => a.request({ method: 'POST', path: `/api/v1/users/${targets[where].id}/password-reset` }),
      'user.create_grant_above': async (a, where, key) =>
        a.request({
          method: 'POST',
          path: '/api/v1/users',
          json: {
            username: `above.${key.replace(/_/g, '-')}`,
            display_name: 'Regional colleague',
            home_territory_code: HOME,
            roles: [{ role: 'analyst', territory_code: HOME_REGION }],
            password: PASSWORD,
          },
        }),
      'user.patch_grant_outside': async (a, where, key) => {
        const version = await currentVersion(`/api/v1/users/${targets.inside.id}`);
        return a.request({
          method: 'PATCH',
          path: `/api/v1/users/${targets.inside.id}`,
          headers: { 'If-Match': `"${version}"` },
          json: { roles: [{ role: 'social_worker', territory_code: ELSEWHERE }] },
        });
      },
      'audit.list': async (a) => a.request({ path: '/api/v1/audit?limit=200' }),
      'audit.verify': async (a) => a.request({ path: '/api/v1/audit/verify' }),
    };
    const scoped = new Set(['territory.get', 'territory.create', 'territory.patch', 'user.get', 'user.create', 'user.patch', 'user.password_reset']);

    for (const caller of CALLERS) {
      it(`${caller.key} (${caller.role} over ${caller.scope ?? 'the installation'})`, async () => {
        const actor = actors[caller.key];
        const mismatches = [];
        for (const [op, send] of Object.entries(requests)) {
          for (const where of scoped.has(op) ? ['inside', 'outside'] : ['inside']) {
            const [status, code] = expected(op, caller, where);
            const res = await send(actor, where, caller.key);
            const gotCode = res.json?.code;
            if (res.status !== status || (code && gotCode !== code)) {
              mismatches.push(`${op} ${scoped.has(op) ? where : ''}: expected ${status}${code ? ` ${code}` : ''}, got ${res.status} ${gotCode ?? ''} ${res.status < 300 ? '' : res.json?.detail ?? ''}`);
            }
            // Lists within scope must not leak records of other territories.
            if (res.status === 200 && !caller.wide) {
              if (op === 'user.list') {
                const leaked = res.json.items.filter((u) => u.id === targets.outside.id || u.home_territory_code.startsWith('UA'));
                if (leaked.length) mismatches.push(`user.list leaks ${leaked.map((u) => u.username).join(', ')}`);
                if (!res.json.items.some((u) => u.id === targets.inside.id)) mismatches.push('user.list misses target.inside');
              }
              if (op === 'audit.list') {
                const leaked = res.json.items.filter((e) => e.territory_code === null || !e.territory_code.startsWith('RO:'));
                if (leaked.length) mismatches.push(`audit.list leaks entries ${leaked.map((e) => `${e.seq}:${e.action}@${e.territory_code}`).join(', ')}`);
                if (caller.scope === HOME) {
                  const above = res.json.items.filter((e) => e.territory_code === HOME_REGION);
                  if (above.length) mismatches.push(`audit.list shows region-level entries ${above.map((e) => e.seq).join(', ')}`);
                }
              }
              if (op === 'territory.list') {
                const wrong = res.json.items.filter((t) => !t.path.startsWith('/RO/'));
                if (wrong.length) mismatches.push(`territory.list shows ${wrong.map((t) => t.code).join(', ')}`);
              }
            }
          }
        }
        // A search by code or name must not find the other country's community either.
        if (!caller.wide) {
          for (const q of [encodeURIComponent(ELSEWHERE), encodeURIComponent('Андріївська')]) {
            const res = await actor.request({ path: `/api/v1/territories?q=${q}` });
            if (res.status !== 200 || res.json.items.length !== 0) {
              mismatches.push(`territory search q=${decodeURIComponent(q)}: expected 200 with no items, got ${res.status} ${res.text.slice(0, 200)}`);
            }
          }
        }
        assert.deepEqual(mismatches, [], `${caller.key}:\n  ${mismatches.join('\n  ')}`);
      });
    }

    it('GET /api/v1/roles serves exactly this table', async () => {
      const res = await admin.actor.request({ path: '/api/v1/roles' });
      assert.equal(res.status, 200, res.text);
      const served = Object.fromEntries(res.json.items.map((r) => [r.role, [...r.permissions].sort()]));
      const table = Object.fromEntries(Object.entries(PERMISSIONS).map(([role, perms]) => [role, [...perms].sort()]));
      assert.deepEqual(served, table);
    });

    it('refused requests changed nothing outside the callers\' scope', async () => {
      // Only the installation-wide administrator may have changed target.outside.
      for (const action of ['user.update', 'user.password_reset']) {
        const res = await admin.actor.request({ path: `/api/v1/audit?entity_id=${targets.outside.id}&action=${action}` });
        assert.equal(res.status, 200, res.text);
        assert.deepEqual(
          res.json.items.map((e) => e.actor_username),
          ['admin'],
          `${action} on target.outside: only the first administrator's request may have succeeded`,
        );
      }
      const list = await admin.actor.request({ path: `/api/v1/territories?parent=${encodeURIComponent(ELSEWHERE)}&limit=200` });
      assert.equal(list.status, 200);
      const created = list.json.items.map((t) => t.code).filter((c) => c.startsWith('UA:MATRIX-'));
      assert.deepEqual(created, ['UA:MATRIX-admin'], 'only the first administrator may add territories in Ukraine');
      const renamed = await admin.actor.request({ path: `/api/v1/audit?entity_type=territory&action=territory.update&limit=200` });
      assert.equal(renamed.status, 200);
      const outsideRenames = renamed.json.items.filter((e) => e.territory_code === ELSEWHERE || e.entity_id === ELSEWHERE);
      assert.ok(outsideRenames.every((e) => e.actor_username === 'admin'), `territory.update outside by ${outsideRenames.map((e) => e.actor_username)}`);
      const users = await admin.actor.request({ path: '/api/v1/users?q=new.outside&limit=200' });
      assert.equal(users.status, 200);
      assert.deepEqual(users.json.items.map((u) => u.username), ['new.outside.admin'], 'only the first administrator may create users in Ukraine');
    });
  });
}
