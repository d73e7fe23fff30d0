// Cross-territory permissions of the reports endpoints (the monthly report, its records, the
// dashboard series, the files, the DHIS2 mapping and feed): every role scoped to one community
// (RO:1017 Alba Iulia), an administrator over its region (RO:10) and the installation-wide
// first administrator ask for the reports of their community and of another country's
// community (UA:UA01020010000048857). Expected statuses come from the permission table of
// docs/reports-api.md: report.read (head of service, analyst, administrator), report.drill
// (head of service, administrator), report.configure (administrator, installation-wide for the
// mapping). Without the permission a route needs, 403 auth.forbidden; a territory outside the
// caller's scope does not exist for them (404 territory.not_found). The analyst's figures are
// suppressed; nobody's refused request leaves an audit entry.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { ADMIN_PASSWORD, backends, createDatabase, startServer } from './lib/server.js';
import { Actor } from './lib/client.js';
import { missingRoutes } from './lib/scenario.js';

const HOME = 'RO:1017'; // Municipiul Alba Iulia
const HOME_REGION = 'RO:10'; // Județul Alba
const ELSEWHERE = 'UA:UA01020010000048857'; // Андріївська hromada
const PASSWORD = 'Reports-Password-1';

// docs/reports-api.md, "Permissions".
const PERMISSIONS = {
  administrator: ['report.read', 'report.drill', 'report.configure'],
  head_of_service: ['report.read', 'report.drill'],
  social_worker: [],
  benefits_officer: [],
  commission_member: [],
  provider_staff: [],
  analyst: ['report.read'],
  auditor: [],
};

const CALLERS = [
  ...Object.keys(PERMISSIONS).map((role) => ({ key: role, role, scope: HOME, wide: false })),
  { key: 'region_admin', role: 'administrator', scope: HOME_REGION, wide: false },
  { key: 'admin', role: 'administrator', scope: null, wide: true },
];

const ROUTES = [
  'GET /api/v1/reports/monthly', 'GET /api/v1/reports/monthly/records', 'GET /api/v1/reports/series',
  'GET /api/v1/reports/monthly/export', 'GET /api/v1/reports/monthly/dhis2',
  'GET /api/v1/reports/dhis2/mapping', 'PUT /api/v1/reports/dhis2/mapping',
];
const skip = missingRoutes({ requires_routes: ROUTES }) ?? false;

// A past month: reports never cover the future.
const MONTH = '2026-01';

// [status, code] expected for `op` by `caller` on a territory `where` (inside | outside).
function expected(op, caller, where) {
  const perms = new Set(PERMISSIONS[caller.role]);
  const forbidden = [403, 'auth.forbidden'];
  const visible = caller.wide || where === 'inside';
  const scoped = (permission) => {
    if (!perms.has(permission)) return forbidden;
    return visible ? [200] : [404, 'territory.not_found'];
  };
  switch (op) {
    case 'monthly':
    case 'series':
    case 'export.csv':
    case 'export.pdf':
      return scoped('report.read');
    case 'records':
    case 'dhis2':
      // report.drill, and first of all the territory in the report.read scope.
      if (!perms.has('report.drill')) return forbidden;
      return visible ? [200] : [404, 'territory.not_found'];
    case 'mapping.get':
      if (!perms.has('report.configure')) return forbidden;
      return caller.wide ? [200] : forbidden;
    default:
      throw new Error(op);
  }
}

function pathOf(op, territory) {
  const t = encodeURIComponent(territory);
  switch (op) {
    case 'monthly':
      return `/api/v1/reports/monthly?territory=${t}&month=${MONTH}`;
    case 'series':
      return `/api/v1/reports/series?territory=${t}&to=${MONTH}&months=12`;
    case 'export.csv':
      return `/api/v1/reports/monthly/export?territory=${t}&month=${MONTH}&format=csv`;
    case 'export.pdf':
      return `/api/v1/reports/monthly/export?territory=${t}&month=${MONTH}&format=pdf`;
    case 'records':
      return `/api/v1/reports/monthly/records?territory=${t}&month=${MONTH}&indicator=audiences`;
    case 'dhis2':
      return `/api/v1/reports/monthly/dhis2?territory=${t}&month=${MONTH}&dry_run=true`;
    case 'mapping.get':
      return '/api/v1/reports/dhis2/mapping';
    default:
      throw new Error(op);
  }
}

const OPS = ['monthly', 'series', 'export.csv', 'export.pdf', 'records', 'dhis2', 'mapping.get'];
const CONTENT_TYPES = { 'export.csv': /^text\/csv/, 'export.pdf': /^application\/pdf/ };

for (const backend of backends()) {
  describe(`reports permissions on ${backend.name}`, { skip }, () => {
    let db;
    let server;
    let admin;
    const actors = {};

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
        const username = `rp.${caller.key.replace(/_/g, '-')}`;
        const res = await admin.request({
          method: 'POST',
          path: '/api/v1/users',
          json: {
            username,
            display_name: `Reports ${username}`,
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
    });

    after(async () => {
      if (server) {
        const exit = await server.stop();
        assert.equal(exit.code, 0, `socius exited with ${JSON.stringify(exit)} on SIGTERM`);
      }
      db?.drop();
    });

    for (const caller of CALLERS) {
      it(`${caller.key} gets what its role allows, inside and outside its territory`, async () => {
        const mismatches = [];
        for (const op of OPS) {
          for (const where of op === 'mapping.get' ? ['inside'] : ['inside', 'outside']) {
            const territory = where === 'inside' ? HOME : ELSEWHERE;
            const res = await actors[caller.key].request({ path: pathOf(op, territory) });
            const [status, code] = expected(op, caller, where);
            const label = `${op} ${where}`;
            if (res.status !== status || (code && res.json?.code !== code)) {
              mismatches.push(`${label}: expected ${status} ${code ?? ''}, got ${res.status} ${res.json?.code ?? ''}`);
              continue;
            }
            if (res.status === 200 && CONTENT_TYPES[op] && !CONTENT_TYPES[op].test(res.headers['content-type'])) {
              mismatches.push(`${label}: content-type ${res.headers['content-type']}`);
            }
            if (res.status === 200 && op === 'monthly') {
              const suppressed = !new Set(PERMISSIONS[caller.role]).has('report.drill');
              if ((res.json.suppression !== null) !== suppressed) mismatches.push(`${label}: suppression ${JSON.stringify(res.json.suppression)}`);
              if (res.json.drill_down === suppressed) mismatches.push(`${label}: drill_down ${res.json.drill_down}`);
            }
          }
        }
        assert.deepEqual(mismatches, [], `${caller.key}:\n  ${mismatches.join('\n  ')}`);
      });
    }

    it('the mapping is changed only by the installation-wide administrator, and refused requests leave no audit entry', async () => {
      const body = { data_set: null, data_elements: [], org_units: [{ territory_code: HOME, org_unit: 'AlbaIulia01' }] };
      for (const key of ['administrator', 'region_admin', 'head_of_service', 'analyst']) {
        const res = await actors[key].request({ method: 'PUT', path: '/api/v1/reports/dhis2/mapping', json: body, headers: { 'If-Match': '"1"' } });
        assert.deepEqual([res.status, res.json?.code], [403, 'auth.forbidden'], `${key}: ${res.text}`);
      }
      const res = await admin.request({ method: 'PUT', path: '/api/v1/reports/dhis2/mapping', json: body, headers: { 'If-Match': '"1"' } });
      assert.equal(res.status, 200, res.text);
      assert.equal(res.json.version, 2);
      const audit = await admin.request({ path: '/api/v1/audit?action=report.mapping_update&limit=50' });
      assert.equal(audit.status, 200, audit.text);
      assert.deepEqual(audit.json.items.map((e) => e.actor_username), ['admin']);
      for (const action of ['report.drill_down', 'report.export']) {
        const entries = await admin.request({ path: `/api/v1/audit?action=${action}&limit=200` });
        assert.equal(entries.status, 200, entries.text);
        for (const e of entries.json.items) {
          // Outside, only the first administrator may look.
          if (e.territory_code === ELSEWHERE) assert.equal(e.actor_username, 'admin', `${action} in ${ELSEWHERE} by ${e.actor_username}`);
        }
        assert.ok(entries.json.items.length > 0, `no ${action} entry at all`);
      }
    });
  });
}
