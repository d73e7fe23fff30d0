// Cross-territory permissions of the services endpoints (providers, services, enrolments):
// every role scoped to one community (RO:1017 Alba Iulia), an administrator over its region
// (RO:10) and the installation-wide first administrator try every endpoint on records inside
// their community and in another country's community (UA:UA01020010000048857), and on the
// enrolment of a person of a sibling community (RO:1071) in the community's own service.
// Expected statuses come from the role → permission table of docs/api-contract.md and the
// visibility rules of docs/services-api.md: without the permission the route needs, 403
// auth.forbidden; a provider, service, territory or person outside the caller's scope does not
// exist for them (404, never in a list); an enrolment is seen by who holds enrolment.work over
// its person's community or service.manage over its service's territory (else 404
// enrolment.not_found); a record seen but not managed cannot be changed (403). A provider's
// staff (provider.work, no service.read) pass the routes that serve them but see only the
// providers they work for: the provider_staff caller here is on no provider's staff, so the
// lists are empty and every record is 404 (tests/api/provider_staff.test.js has a member).
// Refused requests leave no audit entry on the records outside.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { ADMIN_PASSWORD, backends, createDatabase, startServer } from './lib/server.js';
import { Actor } from './lib/client.js';

const HOME = 'RO:1017'; // Municipiul Alba Iulia
const HOME_REGION = 'RO:10'; // Județul Alba
const SIBLING = 'RO:1071'; // Ciugud, another community of RO:10
const ELSEWHERE = 'UA:UA01020010000048857'; // Андріївська hromada
const PASSWORD = 'Services-Password-1';

// docs/api-contract.md, "Roles → permissions" (the services ones).
const PERMISSIONS = {
  administrator: ['service.read', 'service.manage'],
  head_of_service: ['service.read', 'service.manage', 'enrolment.work'],
  social_worker: ['service.read', 'enrolment.work'],
  benefits_officer: ['service.read'],
  commission_member: ['service.read'],
  provider_staff: ['provider.work'],
  analyst: ['service.read'],
  auditor: [],
};

const CALLERS = [
  ...Object.keys(PERMISSIONS).map((role) => ({ key: role, role, scope: HOME, wide: false })),
  { key: 'region_admin', role: 'administrator', scope: HOME_REGION, wide: false },
  { key: 'admin', role: 'administrator', scope: null, wide: true },
];
const usernameOf = (caller) => (caller.wide ? 'admin' : `sp.${caller.key.replace(/_/g, '-')}`);

// Where the targets live. `sibling` is only used for enrolments: a person of SIBLING enrolled
// in the HOME service (with an outside_area_reason), seen through service.manage alone.
const PLACES = { inside: HOME, outside: ELSEWHERE, sibling: SIBLING };

// The helpers who enrol the set-up persons (the first administrator has no enrolment.work):
// a social worker of each place; the one of SIBLING also reads HOME's catalogue.
const ENROLLERS = {
  inside: [['social_worker', HOME]],
  outside: [['social_worker', ELSEWHERE]],
  sibling: [['social_worker', SIBLING], ['analyst', HOME]],
};

// Does the caller see the catalogue (providers, services, territories, persons) of `where`?
// Every caller's scope covers HOME (RO:10 does too); only the first administrator sees ELSEWHERE.
// Without service.read (a provider's staff) nothing of it, but the providers they work for.
const seesPlace = (caller, where) => PERMISSIONS[caller.role].includes('service.read') && (caller.wide || where === 'inside');

// Does the caller see (and move) an enrolment of a person of `where`? All of them are in the
// service of their own community, except `sibling`: a SIBLING person in the HOME service.
function seesEnrolment(caller, where) {
  const perms = new Set(PERMISSIONS[caller.role]);
  if (caller.wide) return perms.has('service.manage');
  if (where === 'inside') return perms.has('enrolment.work') || perms.has('service.manage');
  if (where === 'sibling') return perms.has('service.manage'); // enrolment.work is over HOME only
  return false;
}

// [status, problem code or undefined] expected for `caller` doing `op` on a target `where`.
function expected(op, caller, where) {
  const perms = new Set(PERMISSIONS[caller.role]);
  const read = perms.has('service.read');
  const manage = perms.has('service.manage');
  const work = perms.has('enrolment.work');
  const staff = perms.has('provider.work'); // on no provider's staff here
  const browse = read || staff; // the routes that read the catalogue and the enrolments
  const forbidden = [403, 'auth.forbidden'];
  const sees = seesPlace(caller, where);
  switch (op) {
    case 'provider.list':
    case 'service.list':
      return browse ? [200] : forbidden;
    case 'provider.list_territory':
    case 'service.list_territory':
      if (!browse) return forbidden;
      if (sees) return [200];
      // A provider's staff may narrow to a territory of their provider.work scope: the
      // providers they work for there (here none).
      if (staff && !caller.wide && where === 'inside') return [200];
      return [404, 'territory.not_found'];
    case 'provider.get':
    case 'service.get':
      if (!browse) return forbidden;
      return sees ? [200] : [404, `${op.split('.')[0]}.not_found`];
    case 'provider.create':
      if (!manage) return forbidden;
      return sees ? [201] : [404, 'territory.not_found'];
    case 'service.create':
      // Under the provider of the place, in the place: the provider is checked first.
      if (!manage) return forbidden;
      return sees ? [201] : [404, 'provider.not_found'];
    case 'provider.patch':
    case 'service.patch':
      if (!manage) return forbidden;
      return sees ? [200] : [404, `${op.split('.')[0]}.not_found`];
    case 'enrolment.create':
      // A fresh person of the place into the place's service: the service is checked first.
      if (!work) return forbidden;
      return sees ? [201] : [404, 'service.not_found'];
    case 'enrolment.create_in_home_service':
      // A fresh person of another community (sibling, outside) into the HOME service.
      if (!work) return forbidden;
      return [404, 'person.not_found'];
    case 'enrolment.get':
    case 'enrolment.transition':
      if (!browse) return forbidden;
      return seesEnrolment(caller, where) ? [200] : [404, 'enrolment.not_found'];
    case 'enrolment.list_by_service':
    case 'enrolment.list_by_person':
      // A provider's staff see no person of the registry: the person is 404 to them too.
      if (!browse || !(work || manage || staff)) return forbidden;
      return sees ? [200] : [404, op === 'enrolment.list_by_service' ? 'service.not_found' : 'person.not_found'];
    case 'enrolment.list_mine':
      return browse && (work || manage || staff) ? [200] : forbidden;
    default:
      throw new Error(op);
  }
}

for (const backend of backends()) {
  describe(`services permissions on ${backend.name}`, () => {
    let db;
    let server;
    let admin;
    const providers = {}; // where → provider (inside, outside)
    const services = {}; // where → service (inside, outside)
    const persons = {}; // where → person (inside, outside, sibling)
    const enrolments = {}; // where → enrolment of persons[where] (sibling: in services.inside)
    const enrollers = {}; // where → Actor
    const actors = {}; // caller key → Actor
    const created = {}; // caller key → enrolment it made (enrolment.create inside)

    const post = async (actor, path, json) => {
      const res = await actor.request({ method: 'POST', path, json });
      assert.equal(res.status, 201, `${actor.name}: POST ${path} ${JSON.stringify(json)}: ${res.text}`);
      return res.json;
    };
    const createUser = async (username, home, grants) =>
      post(admin, '/api/v1/users', {
        username,
        display_name: `Services ${username}`,
        home_territory_code: home,
        roles: grants.map(([role, territory_code]) => ({ role, territory_code })),
        password: PASSWORD,
      });
    // Names take letters only: the n-th fresh person is "<label> <n in letters>".
    let personCount = 0;
    const letters = (n) => (n < 26 ? '' : letters(Math.floor(n / 26) - 1)) + String.fromCharCode(97 + (n % 26));
    const freshPerson = (where, label) =>
      post(admin, '/api/v1/persons', {
        given_name: 'Beneficiar', family_name: `${label.replace(/_/g, ' ')} ${letters(personCount++)}`, community_code: PLACES[where],
      });
    // A person of `where` enrolled (active, version 1) by the helper of `where`.
    const freshEnrolment = async (where, label) => {
      const person = await freshPerson(where, label);
      const service = where === 'outside' ? services.outside : services.inside;
      const json = { service_id: service.id, person_id: person.id };
      if (where === 'sibling') json.outside_area_reason = 'The nearest day centre';
      const e = await post(enrollers[where], '/api/v1/enrolments', json);
      assert.equal(e.state, 'active', JSON.stringify(e));
      return e;
    };

    before(async () => {
      db = createDatabase(backend);
      server = await startServer({ db });
      admin = new Actor(server.url, 'admin');
      await admin.login('admin', ADMIN_PASSWORD);
      for (const where of ['inside', 'outside']) {
        providers[where] = await post(admin, '/api/v1/providers', { territory_code: PLACES[where], name: `Furnizor ${where}`, kind: 'public' });
        // Room for every enrolment of the run, so that each is active from the start.
        services[where] = await post(admin, '/api/v1/services', {
          provider_id: providers[where].id, territory_code: PLACES[where], name: `Centru ${where}`, type: 'day_centre', capacity: 1000,
        });
      }
      for (const where of Object.keys(PLACES)) {
        const username = `sp.enrol.${where}`;
        await createUser(username, PLACES[where], ENROLLERS[where]);
        enrollers[where] = new Actor(server.url, username);
        await enrollers[where].login(username, PASSWORD);
        enrolments[where] = await freshEnrolment(where, `Baza ${where}`);
        persons[where] = enrolments[where].person;
      }
      for (const caller of CALLERS) {
        if (caller.wide) {
          actors[caller.key] = admin;
          continue;
        }
        await createUser(usernameOf(caller), caller.scope, [[caller.role, caller.scope]]);
        const actor = new Actor(server.url, caller.key);
        await actor.login(usernameOf(caller), PASSWORD);
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
      const res = await admin.request({ path });
      assert.equal(res.status, 200, `reading ${path}: ${res.text}`);
      return res.json.version;
    };
    const patch = async (a, path, json) =>
      a.request({ method: 'PATCH', path, headers: { 'If-Match': `"${await currentVersion(path)}"` }, json });
    const ids = (res) => new Set(res.json.items.map((r) => r.id));

    // GET /providers and /services with a `territory` the caller cannot see answer 404
    // territory.not_found (as GET /case-workers?community= does), but docs/openapi.yaml lists
    // no 404 for listProviders and listServices. Until it does, only that 404 skips the
    // contract check; any other answer is checked as usual.
    const listInTerritory = (a, kind, where) =>
      a.request({ path: `/api/v1/${kind}?territory=${encodeURIComponent(PLACES[where])}&limit=200` });

    // Each op: the places it is tried on, the request, and (optional) checks of a success that
    // return a list of problems.
    const both = ['inside', 'outside'];
    const ops = {
      'provider.list': {
        send: (a) => a.request({ path: '/api/v1/providers?limit=200' }),
        check: (res, caller) => catalogueList(res, caller, providers),
      },
      'provider.list_territory': {
        places: both,
        send: (a, where) => listInTerritory(a, 'providers', where),
        check: (res, caller, where) => {
          if (!seesPlace(caller, where)) return res.json.items.length ? ['a provider\'s staff member on no staff sees a provider'] : [];
          return ids(res).has(providers[where].id) ? [] : ['the provider of the territory is missing'];
        },
      },
      'provider.get': { places: both, send: (a, where) => a.request({ path: `/api/v1/providers/${providers[where].id}` }) },
      'provider.create': {
        places: both,
        send: (a, where, key) => a.request({ method: 'POST', path: '/api/v1/providers', json: { territory_code: PLACES[where], name: `Nou ${key}`, kind: 'non_governmental' } }),
      },
      'provider.patch': {
        places: both,
        send: (a, where, key) => patch(a, `/api/v1/providers/${providers[where].id}`, { address: `Changed by ${key}` }),
      },
      'service.list': {
        send: (a) => a.request({ path: '/api/v1/services?limit=200' }),
        check: (res, caller) => catalogueList(res, caller, services),
      },
      'service.list_territory': {
        places: both,
        send: (a, where) => listInTerritory(a, 'services', where),
        check: (res, caller, where) => {
          if (!seesPlace(caller, where)) return res.json.items.length ? ['a provider\'s staff member on no staff sees a service'] : [];
          return ids(res).has(services[where].id) ? [] : ['the service of the territory is missing'];
        },
      },
      'service.get': { places: both, send: (a, where) => a.request({ path: `/api/v1/services/${services[where].id}` }) },
      'service.create': {
        places: both,
        send: (a, where, key) =>
          a.request({
            method: 'POST',
            path: '/api/v1/services',
            json: { provider_id: providers[where].id, territory_code: PLACES[where], name: `Serviciu ${key}`, type: 'counselling', capacity: 5 },
          }),
      },
      'service.patch': {
        places: both,
        send: (a, where, key) => patch(a, `/api/v1/services/${services[where].id}`, { description: `Changed by ${key}` }),
      },
      'enrolment.create': {
        places: both,
        send: async (a, where, key) => {
          const person = await freshPerson(where, `Inscris ${key}`);
          return a.request({ method: 'POST', path: '/api/v1/enrolments', json: { service_id: services[where].id, person_id: person.id } });
        },
        check: (res, caller) => {
          created[caller.key] = res.json;
          return res.json.state === 'active' ? [] : [`state ${res.json.state}`];
        },
      },
      'enrolment.create_in_home_service': {
        places: ['sibling', 'outside'],
        send: async (a, where, key) => {
          const person = await freshPerson(where, `Strain ${key}`);
          return a.request({
            method: 'POST',
            path: '/api/v1/enrolments',
            json: { service_id: services.inside.id, person_id: person.id, outside_area_reason: 'Nearest centre' },
          });
        },
      },
      'enrolment.get': {
        places: ['inside', 'outside', 'sibling'],
        send: (a, where) => a.request({ path: `/api/v1/enrolments/${enrolments[where].id}` }),
        check: (res, caller, where) => (res.json.id === enrolments[where].id ? [] : ['another enrolment']),
      },
      'enrolment.transition': {
        // A fresh (active, version 1) enrolment for each try, so each outcome is its own.
        places: ['inside', 'outside', 'sibling'],
        send: async (a, where, key) => {
          const e = await freshEnrolment(where, `Mutat ${key}`);
          return a.request({
            method: 'POST',
            path: `/api/v1/enrolments/${e.id}/transitions`,
            headers: { 'If-Match': '"1"' },
            json: { to: 'suspended', reason: `Suspended by ${key}` },
          });
        },
        check: (res) => (res.json.state === 'suspended' && res.json.version === 2 ? [] : [`state ${res.json.state} v${res.json.version}`]),
      },
      'enrolment.list_by_service': {
        places: both,
        send: (a, where) => a.request({ path: `/api/v1/enrolments?service_id=${services[where].id}&limit=200` }),
        check: (res, caller, where) => {
          // Each caller gets the enrolments they may see: the sibling person's only through
          // service.manage over the service.
          const problems = [];
          const got = ids(res);
          for (const w of where === 'inside' ? ['inside', 'sibling'] : ['outside']) {
            if (got.has(enrolments[w].id) !== seesEnrolment(caller, w)) problems.push(`${w} enrolment ${got.has(enrolments[w].id) ? 'leaked' : 'missing'}`);
          }
          const perms = new Set(PERMISSIONS[caller.role]);
          if (!perms.has('service.manage')) {
            const others = res.json.items.filter((e) => e.community_code !== HOME);
            if (others.length) problems.push(`shows enrolments of ${others.map((e) => e.community_code).join(', ')}`);
          }
          return problems;
        },
      },
      'enrolment.list_by_person': {
        places: both,
        send: (a, where) => a.request({ path: `/api/v1/enrolments?person_id=${persons[where].id}&limit=200` }),
        check: (res, caller, where) => {
          const got = [...ids(res)];
          return got.length === 1 && got[0] === enrolments[where].id ? [] : [`lists ${got.join(', ')}`];
        },
      },
      'enrolment.list_mine': {
        send: (a) => a.request({ path: '/api/v1/enrolments?worker=me&limit=200' }),
        check: (res, caller) => {
          const problems = [];
          const actor = actors[caller.key];
          const others = res.json.items.filter((e) => e.worker.id !== actor.user.id);
          if (others.length) problems.push(`lists enrolments made by ${others.map((e) => e.worker.display_name).join(', ')}`);
          if (created[caller.key] && !ids(res).has(created[caller.key].id)) problems.push('misses the enrolment the caller made');
          return problems;
        },
      },
    };

    // A list of the catalogue shows the records of HOME to everyone with service.read (no
    // record lies at an ancestor of HOME), and those of ELSEWHERE to the first administrator only.
    function catalogueList(res, caller, records) {
      const problems = [];
      const got = ids(res);
      for (const where of both) {
        if (got.has(records[where].id) !== seesPlace(caller, where)) problems.push(`${where} record ${got.has(records[where].id) ? 'leaked' : 'missing'}`);
      }
      if (!caller.wide) {
        const others = res.json.items.filter((r) => r.territory_code !== HOME);
        if (others.length) problems.push(`shows records of ${others.map((r) => r.territory_code).join(', ')}`);
      }
      return problems;
    }

    for (const caller of CALLERS) {
      it(`${caller.key} (${caller.role} over ${caller.scope ?? 'the installation'})`, async () => {
        const actor = actors[caller.key];
        const mismatches = [];
        for (const [op, { places, send, check }] of Object.entries(ops)) {
          for (const where of places ?? ['inside']) {
            const label = places ? `${op} ${where}` : op;
            const [status, code] = expected(op, caller, where);
            const res = await send(actor, where, caller.key);
            if (res.status !== status || (code && res.json?.code !== code)) {
              mismatches.push(`${label}: expected ${status}${code ? ` ${code}` : ''}, got ${res.status} ${res.json?.code ?? ''} ${res.status < 300 ? '' : res.json?.detail ?? ''}`);
              continue;
            }
            if (res.status < 300 && check) mismatches.push(...check(res, caller, where).map((p) => `${label}: ${p}`));
          }
        }
        assert.deepEqual(mismatches, [], `${caller.key}:\n  ${mismatches.join('\n  ')}`);
      });
    }

    // Every audit entry of one entity type, all pages.
    const auditOf = async (entityType) => {
      const entries = [];
      let cursor = null;
      do {
        const res = await admin.request({ path: `/api/v1/audit?entity_type=${entityType}&limit=200${cursor ? `&cursor=${cursor}` : ''}` });
        assert.equal(res.status, 200, res.text);
        entries.push(...res.json.items);
        cursor = res.json.next_cursor;
      } while (cursor);
      return entries;
    };

    it('refused requests changed nothing and left no audit entry outside the callers\' scope', async () => {
      const enroller = (where) => `sp.enrol.${where}`;
      // Who may appear in the audit trail of records outside HOME: the first administrator
      // (who sees everything), the helper who enrolled the persons there (enrolment.create
      // only), and for the sibling persons' enrolments those who run the HOME service.
      const allowed = {
        [ELSEWHERE]: (e) => e.actor_username === 'admin' || (e.actor_username === enroller('outside') && e.action === 'enrolment.create'),
        [SIBLING]: (e) =>
          (e.actor_username === enroller('sibling') && e.action === 'enrolment.create') ||
          (e.action === 'enrolment.state_change' && CALLERS.some((c) => usernameOf(c) === e.actor_username && seesEnrolment(c, 'sibling'))),
      };
      const seen = [];
      for (const type of ['provider', 'service', 'enrolment']) {
        for (const e of await auditOf(type)) {
          if (e.territory_code === HOME) continue;
          const ok = allowed[e.territory_code];
          assert.ok(ok, `${type} entry ${e.seq} ${e.action} by ${e.actor_username} in ${e.territory_code}`);
          assert.ok(ok(e), `${e.action} on ${type} ${e.entity_id} in ${e.territory_code} by ${e.actor_username}`);
          seen.push(`${e.action} ${e.actor_username}@${e.territory_code}`);
        }
      }
      // A control: the first administrator's own changes outside are there.
      for (const action of ['provider.update', 'service.update', 'enrolment.state_change']) {
        assert.ok(seen.includes(`${action} admin@${ELSEWHERE}`), `no ${action} by admin in ${ELSEWHERE}: ${seen.join(', ')}`);
      }
      // The first administrator changed the records outside last.
      const provider = await admin.request({ path: `/api/v1/providers/${providers.outside.id}` });
      assert.equal(provider.json.address, 'Changed by admin', provider.text);
      assert.equal(provider.json.version, 2, provider.text);
      const service = await admin.request({ path: `/api/v1/services/${services.outside.id}` });
      assert.equal(service.json.description, 'Changed by admin', service.text);
      assert.equal(service.json.version, 2, service.text);
      const enrolment = await admin.request({ path: `/api/v1/enrolments/${enrolments.outside.id}` });
      assert.equal(enrolment.json.state, 'active', enrolment.text);
      assert.equal(enrolment.json.version, 1, enrolment.text);
      // Only the first administrator added providers and services in ELSEWHERE.
      for (const kind of ['providers', 'services']) {
        const res = await listInTerritory(admin, kind, 'outside');
        assert.equal(res.status, 200, res.text);
        assert.deepEqual(res.json.items.map((r) => r.name).sort(), (kind === 'providers' ? ['Furnizor outside', 'Nou admin'] : ['Centru outside', 'Serviciu admin']).sort());
      }
    });

    it('a service of the region is seen from the community, but changed only by who manages the region', async () => {
      // Created after the matrix, whose lists expect nothing above HOME.
      const provider = await post(admin, '/api/v1/providers', { territory_code: HOME_REGION, name: 'Direcția județeană', kind: 'public' });
      const service = await post(admin, '/api/v1/services', {
        provider_id: provider.id, territory_code: HOME_REGION, name: 'Centru rezidențial județean', type: 'residential_elderly', capacity: 40,
      });
      const head = actors.head_of_service;
      for (const key of ['social_worker', 'analyst', 'head_of_service']) {
        const res = await actors[key].request({ path: `/api/v1/services/${service.id}` });
        assert.equal(res.status, 200, `${key} sees the district's service: ${res.text}`);
        const list = await actors[key].request({ path: '/api/v1/services?limit=200' });
        assert.ok(list.json.items.some((s) => s.id === service.id), `${key}'s list misses the district's service`);
      }
      const refused = [
        await patch(head, `/api/v1/providers/${provider.id}`, { address: 'Changed by head' }),
        await patch(head, `/api/v1/services/${service.id}`, { description: 'Changed by head' }),
        await head.request({ method: 'POST', path: '/api/v1/providers', json: { territory_code: HOME_REGION, name: 'Alt furnizor', kind: 'public' } }),
        await head.request({
          method: 'POST', path: '/api/v1/services',
          json: { provider_id: provider.id, territory_code: HOME_REGION, name: 'Alt centru', type: 'other', capacity: 1 },
        }),
      ];
      for (const res of refused) assert.deepEqual([res.status, res.json?.code], [403, 'auth.forbidden'], res.text);
      // The community's head of service may still run a service of the district's provider
      // in the community: the territory is theirs and lies within the provider's.
      const local = await head.request({
        method: 'POST', path: '/api/v1/services',
        json: { provider_id: provider.id, territory_code: HOME, name: 'Filiala Alba Iulia', type: 'home_care', capacity: 3 },
      });
      assert.equal(local.status, 201, local.text);
      // The regional administrator manages it.
      const changed = await patch(actors.region_admin, `/api/v1/services/${service.id}`, { description: 'Changed by region admin' });
      assert.equal(changed.status, 200, changed.text);
      const audit = [...(await auditOf('provider')), ...(await auditOf('service'))].filter((e) => e.entity_id === provider.id || e.entity_id === service.id);
      assert.deepEqual(
        audit.map((e) => `${e.action} ${e.actor_username}`).sort(),
        ['provider.create admin', 'service.create admin', `service.update ${usernameOf({ key: 'region_admin' })}`].sort(),
      );
    });
  });
}
