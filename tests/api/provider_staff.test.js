// A provider's staff (docs/services-api.md, "A provider's staff"): a head of service of
// Alba Iulia (RO:1017) keeps the staff of a provider of the community; a user holding
// provider_staff there and added to it sees that provider and its services, the enrolments of
// those services (never a case, nor what the social workers wrote: `outside_area_reason`,
// `end_reason`; never a withdrawn one), each person shown an audited read
// (`enrolment.staff_read`), and may suspend, resume and end a place, nothing more. Who is not on the staff, whose role
// lies elsewhere, or who was taken off it, sees nothing of the services; no member sees
// anything of the registry or of cases. Who may keep a staff: service.manage over the
// provider's territory (a social worker 403, a head of service elsewhere 404).
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { ADMIN_PASSWORD, backends, createDatabase, startServer } from './lib/server.js';
import { Actor, getOk, postOk, refused } from './lib/client.js';

const HOME = 'RO:1017'; // Municipiul Alba Iulia
const HOME_REGION = 'RO:10'; // Județul Alba
const SIBLING = 'RO:1071'; // Ciugud, another community of RO:10
const TOWN = 'RO:1026'; // Alba Iulia, a settlement of HOME
const ELSEWHERE = 'UA:UA01020010000048857'; // Андріївська hromada
const PASSWORD = 'Staff-Password-1';
const UNKNOWN_ID = '01JD8Z5V4Q8K2T7M3N6P9R1S0E'; // well formed, nobody's

// The users of the run: key → [home territory, role, territory of the role].
const USERS = {
  head: [HOME, 'head_of_service', HOME],
  worker: [HOME, 'social_worker', HOME],
  staff: [HOME, 'provider_staff', HOME], // the member
  idle: [HOME, 'provider_staff', HOME], // never on any staff
  regional: [HOME_REGION, 'provider_staff', HOME_REGION], // covers HOME: may join
  sibling_staff: [SIBLING, 'provider_staff', SIBLING],
  far_staff: [ELSEWHERE, 'provider_staff', ELSEWHERE],
  sibling_head: [SIBLING, 'head_of_service', SIBLING],
  far_head: [ELSEWHERE, 'head_of_service', ELSEWHERE],
  gone: [HOME, 'provider_staff', HOME], // deactivated before anyone adds them
};
const usernameOf = (key) => `ps.${key.replace(/_/g, '-')}`;

const sorted = (list) => [...list].sort();

for (const backend of backends()) {
  describe(`provider staff on ${backend.name}`, () => {
    let db;
    let server;
    let admin;
    const users = {}; // key → User
    const actors = {}; // key → Actor (logged in)
    let provider; // P: the provider the staff works for (HOME)
    let otherProvider; // Q: another provider of HOME
    let centre; // day centre of P, one place
    let homeCare; // home care of P
    let counselling; // a service of Q
    const persons = {};
    const enrolments = {}; // alive: active in centre (with a case); bogdan: waiting in centre; carmen: home care; dan: Q's service

    const post = postOk;
    const get = getOk;
    const staffPath = (p = provider) => `/api/v1/providers/${p.id}/staff`;
    const move = (actor, enrolment, to, reason, version = enrolment.version) =>
      actor.request({
        method: 'POST',
        path: `/api/v1/enrolments/${enrolment.id}/transitions`,
        headers: { 'If-Match': `"${version}"` },
        json: reason ? { to, reason } : { to },
      });
    const ids = (items) => sorted(items.map((r) => r.id));

    // Every audit entry with `action`, all pages, oldest first.
    const auditOf = async (action) => {
      const entries = [];
      let cursor = null;
      do {
        const page = await get(admin, `/api/v1/audit?action=${action}&limit=200${cursor ? `&cursor=${cursor}` : ''}`);
        entries.push(...page.items);
        cursor = page.next_cursor;
      } while (cursor);
      return entries.sort((a, b) => a.seq - b.seq);
    };
    // The entries of `action` written while `body` ran.
    const auditedDuring = async (action, body) => {
      const before = new Set((await auditOf(action)).map((e) => e.seq));
      await body();
      return (await auditOf(action)).filter((e) => !before.has(e.seq));
    };

    before(async () => {
      db = createDatabase(backend);
      server = await startServer({ db });
      admin = new Actor(server.url, 'admin');
      await admin.login('admin', ADMIN_PASSWORD);
      for (const [key, [home, role, territory]] of Object.entries(USERS)) {
        const created = await post(admin, '/api/v1/users', {
          username: usernameOf(key),
          display_name: `Staff ${key.replace(/_/g, ' ')}`,
          home_territory_code: home,
          roles: [{ role, territory_code: territory }],
          password: PASSWORD,
        });
        users[key] = created.user;
        if (key === 'gone') continue;
        actors[key] = new Actor(server.url, key);
        await actors[key].login(usernameOf(key), PASSWORD);
      }
      const gone = await admin.request({
        method: 'PATCH', path: `/api/v1/users/${users.gone.id}`, headers: { 'If-Match': `"${users.gone.version}"` }, json: { active: false },
      });
      assert.equal(gone.status, 200, gone.text);
      assert.equal(gone.json.active, false);

      const head = actors.head;
      provider = await post(head, '/api/v1/providers', { territory_code: HOME, name: 'Asociația Sprijin', kind: 'non_governmental' });
      otherProvider = await post(head, '/api/v1/providers', { territory_code: HOME, name: 'Fundația Alta', kind: 'non_governmental' });
      centre = await post(head, '/api/v1/services', {
        provider_id: provider.id, territory_code: HOME, name: 'Centrul de zi Sprijin', type: 'day_centre', capacity: 1,
      });
      // Home care serves the town of Alba Iulia only: Carmen, of the community at large, is
      // enrolled with an outside-area reason.
      homeCare = await post(head, '/api/v1/services', {
        provider_id: provider.id, territory_code: HOME, name: 'Îngrijire la domiciliu Sprijin', type: 'home_care', capacity: 5, settlement_codes: [TOWN],
      });
      counselling = await post(head, '/api/v1/services', {
        provider_id: otherProvider.id, territory_code: HOME, name: 'Consiliere Alta', type: 'counselling', capacity: 5,
      });
      for (const [key, given] of [['alina', 'Alina'], ['bogdan', 'Bogdan'], ['carmen', 'Carmen'], ['dan', 'Dan']]) {
        persons[key] = await post(admin, '/api/v1/persons', { given_name: given, family_name: 'Moraru', birth_date: '1950-01-02', community_code: HOME });
      }
      // Alina has a case the worker works on; her enrolment names it.
      const opened = await post(actors.worker, '/api/v1/cases', {
        person_id: persons.alina.id, category: 'elderly_alone', risk_level: 'low', opening_reason: 'Lives alone',
      });
      const enrol = (service, person, extra = {}) => post(actors.worker, '/api/v1/enrolments', { service_id: service.id, person_id: person.id, ...extra });
      enrolments.alina = await enrol(centre, persons.alina, { case_id: opened.id, note: 'Diabetic diet' });
      enrolments.bogdan = await enrol(centre, persons.bogdan, { note: 'Uses a wheelchair' });
      const outside = await actors.worker.request({ method: 'POST', path: '/api/v1/enrolments', json: { service_id: homeCare.id, person_id: persons.carmen.id } });
      assert.deepEqual([outside.status, outside.json?.code], [409, 'enrolment.outside_area'], outside.text);
      enrolments.carmen = await enrol(homeCare, persons.carmen, { outside_area_reason: 'Her daughter lives in town' });
      assert.equal(enrolments.carmen.outside_area_reason, 'Her daughter lives in town');
      enrolments.dan = await enrol(counselling, persons.dan);
      assert.equal(enrolments.alina.state, 'active');
      assert.equal(enrolments.alina.case_id, opened.id, 'the social worker sees the case of the enrolment');
      assert.equal(enrolments.bogdan.state, 'waiting');
      assert.equal(enrolments.carmen.state, 'active');
      assert.equal(enrolments.dan.state, 'active');
    });

    after(async () => {
      if (server) {
        const exit = await server.stop();
        assert.equal(exit.code, 0, `socius exited with ${JSON.stringify(exit)} on SIGTERM`);
      }
      db?.drop();
    });

    it('only who manages the provider keeps its staff', async () => {
      const body = { user_id: users.staff.id };
      for (const key of ['worker', 'staff', 'idle']) {
        const a = actors[key];
        refused(await a.request({ path: staffPath() }), 403, 'auth.forbidden', `${key} lists the staff`);
        refused(await a.request({ method: 'POST', path: staffPath(), json: body }), 403, 'auth.forbidden', `${key} adds to the staff`);
        refused(await a.request({ method: 'DELETE', path: `${staffPath()}/${users.staff.id}` }), 403, 'auth.forbidden', `${key} removes from the staff`);
      }
      for (const key of ['sibling_head', 'far_head']) {
        const a = actors[key];
        refused(await a.request({ path: staffPath() }), 404, 'provider.not_found', `${key} lists the staff`);
        refused(await a.request({ method: 'POST', path: staffPath(), json: body }), 404, 'provider.not_found', `${key} adds to the staff`);
        refused(await a.request({ method: 'DELETE', path: `${staffPath()}/${users.staff.id}` }), 404, 'provider.not_found', `${key} removes from the staff`);
      }
      refused(await actors.head.request({ path: `/api/v1/providers/${UNKNOWN_ID}/staff` }), 404, 'provider.not_found', 'an unknown provider');
      assert.deepEqual((await get(actors.head, staffPath())).items, [], 'nobody was added');
      assert.deepEqual(await auditOf('provider.staff_add'), [], 'no refused request was audited');
    });

    it('only an active user holding provider_staff over the provider\'s territory may join', async () => {
      const head = actors.head;
      for (const key of ['sibling_staff', 'far_staff', 'worker', 'head', 'gone']) {
        const res = await head.request({ method: 'POST', path: staffPath(), json: { user_id: users[key].id } });
        refused(res, 400, 'provider.staff_not_eligible', `adding ${key}`);
        assert.equal(res.json.field, 'user_id');
      }
      for (const userId of [UNKNOWN_ID, 'not-an-id']) {
        const res = await head.request({ method: 'POST', path: staffPath(), json: { user_id: userId } });
        refused(res, 400, 'provider.staff_not_eligible', `adding ${userId}`);
        assert.equal(res.json.field, 'user_id');
      }
      const missing = await head.request({ method: 'POST', path: staffPath(), json: {} });
      assert.equal(missing.status, 400, missing.text);
      assert.equal(missing.json.field, 'user_id');
      assert.deepEqual((await get(head, staffPath())).items, []);

      const added = await head.request({ method: 'POST', path: staffPath(), json: { user_id: users.staff.id } });
      assert.equal(added.status, 200, added.text);
      assert.equal(added.json.items.length, 1);
      const [member] = added.json.items;
      assert.deepEqual(member.user, { id: users.staff.id, display_name: users.staff.display_name });
      assert.equal(member.username, usernameOf('staff'));
      assert.deepEqual(member.added_by, { id: head.user.id, display_name: head.user.display_name });
      // Twice changes nothing.
      const again = await head.request({ method: 'POST', path: staffPath(), json: { user_id: users.staff.id } });
      assert.equal(again.status, 200, again.text);
      assert.deepEqual(again.json, added.json);
      // A role over the region covers the community's provider; the list goes by display name.
      // Added by several requests at once, they join once.
      const racing = await Promise.all(Array.from({ length: 6 }, () => head.request({ method: 'POST', path: staffPath(), json: { user_id: users.regional.id } })));
      assert.deepEqual(racing.map((r) => r.status), Array(6).fill(200), racing.map((r) => r.text).join('\n'));
      const regional = racing[0].json;
      assert.deepEqual(regional.items.map((m) => m.username), [usernameOf('regional'), usernameOf('staff')]);
      // Removing one who is no member changes nothing; removing the regional one takes them off.
      const noop = await head.request({ method: 'DELETE', path: `${staffPath()}/${users.idle.id}` });
      assert.equal(noop.status, 200, noop.text);
      assert.deepEqual(noop.json, regional);
      const removed = await head.request({ method: 'DELETE', path: `${staffPath()}/${users.regional.id}` });
      assert.equal(removed.status, 200, removed.text);
      assert.deepEqual(removed.json, added.json);
      // The other provider's staff is its own.
      assert.deepEqual((await get(head, staffPath(otherProvider))).items, []);

      const adds = await auditOf('provider.staff_add');
      assert.deepEqual(
        adds.map((e) => [e.actor_username, e.entity_type, e.entity_id, e.territory_code, e.detail]),
        [
          [usernameOf('head'), 'provider', provider.id, HOME, { user_id: users.staff.id }],
          [usernameOf('head'), 'provider', provider.id, HOME, { user_id: users.regional.id }],
        ],
      );
      const removes = await auditOf('provider.staff_remove');
      assert.deepEqual(
        removes.map((e) => [e.actor_username, e.entity_type, e.entity_id, e.territory_code, e.detail]),
        [[usernameOf('head'), 'provider', provider.id, HOME, { user_id: users.regional.id }]],
      );
    });

    it('a member sees exactly its provider and that provider\'s services', async () => {
      const staff = actors.staff;
      assert.deepEqual(ids((await get(staff, '/api/v1/providers?limit=200')).items), [provider.id]);
      assert.equal((await get(staff, `/api/v1/providers/${provider.id}`)).id, provider.id);
      refused(await staff.request({ path: `/api/v1/providers/${otherProvider.id}` }), 404, 'provider.not_found', 'the other provider');
      assert.deepEqual(ids((await get(staff, '/api/v1/services?limit=200')).items), sorted([centre.id, homeCare.id]));
      assert.deepEqual((await get(staff, `/api/v1/services?provider_id=${otherProvider.id}`)).items, []);
      for (const s of [centre, homeCare]) assert.equal((await get(staff, `/api/v1/services/${s.id}`)).id, s.id);
      refused(await staff.request({ path: `/api/v1/services/${counselling.id}` }), 404, 'service.not_found', 'the other provider\'s service');
      refused(await staff.request({ path: `/api/v1/enrolments?service_id=${counselling.id}` }), 404, 'service.not_found', 'enrolments of the other provider\'s service');
      refused(await staff.request({ path: `/api/v1/enrolments/${enrolments.dan.id}` }), 404, 'enrolment.not_found', 'an enrolment in the other provider\'s service');
    });

    it('a member sees nothing of the registry, of cases or of the services map', async () => {
      const staff = actors.staff;
      const caseId = enrolments.alina.case_id;
      const paths = [
        '/api/v1/persons?q=Moraru',
        `/api/v1/persons/${persons.alina.id}`,
        `/api/v1/persons/${persons.alina.id}/history`,
        '/api/v1/households',
        '/api/v1/cases',
        `/api/v1/cases/${caseId}`,
        `/api/v1/cases/${caseId}/timeline`,
        '/api/v1/contacts',
        '/api/v1/help-requests',
        `/api/v1/services-map?territory=${HOME}`,
        '/api/v1/today',
        '/api/v1/assessments',
        '/api/v1/users',
        '/api/v1/audit',
      ];
      for (const path of paths) refused(await staff.request({ path }), 403, 'auth.forbidden', `GET ${path}`);
      const enrol = await staff.request({ method: 'POST', path: '/api/v1/enrolments', json: { service_id: centre.id, person_id: persons.dan.id } });
      refused(enrol, 403, 'auth.forbidden', 'a member enrols a person');
      const patch = await staff.request({
        method: 'PATCH', path: `/api/v1/services/${centre.id}`, headers: { 'If-Match': `"${centre.version}"` }, json: { capacity: 9 },
      });
      refused(patch, 403, 'auth.forbidden', 'a member changes the service');
      // The enrolments of a person are a view of the registry: no person is visible to them.
      refused(await staff.request({ path: `/api/v1/enrolments?person_id=${persons.alina.id}` }), 404, 'person.not_found', 'enrolments by person');
      assert.deepEqual((await get(staff, '/api/v1/enrolments?worker=me')).items, []);
    });

    it('a member sees the enrolments of its services without their case, each person shown an audited read', async () => {
      const staff = actors.staff;
      let list;
      const reads = await auditedDuring('enrolment.staff_read', async () => {
        list = await get(staff, `/api/v1/enrolments?service_id=${centre.id}&limit=200`);
      });
      assert.deepEqual(ids(list.items), sorted([enrolments.alina.id, enrolments.bogdan.id]));
      const byId = Object.fromEntries(list.items.map((e) => [e.id, e]));
      const alina = byId[enrolments.alina.id];
      const bogdan = byId[enrolments.bogdan.id];
      for (const e of list.items) assert.equal(e.case_id, null, `${e.person.name}: the case of the enrolment`);
      assert.equal(alina.person.name, enrolments.alina.person.name);
      assert.equal(alina.note, 'Diabetic diet');
      assert.deepEqual(sorted(alina.allowed_transitions), ['ended', 'suspended']);
      assert.equal(bogdan.state, 'waiting');
      assert.equal(bogdan.position, 1);
      assert.deepEqual(bogdan.allowed_transitions, [], 'a member may not withdraw a waiting enrolment');
      // One entry per person shown; the entity is the person.
      assert.deepEqual(
        sorted(reads.map((e) => JSON.stringify([e.actor_username, e.entity_type, e.entity_id, e.territory_code, e.detail]))),
        sorted([
          JSON.stringify([usernameOf('staff'), 'person', persons.alina.id, HOME, { enrolment_id: enrolments.alina.id, service_id: centre.id }]),
          JSON.stringify([usernameOf('staff'), 'person', persons.bogdan.id, HOME, { enrolment_id: enrolments.bogdan.id, service_id: centre.id }]),
        ]),
      );

      let one;
      const read = await auditedDuring('enrolment.staff_read', async () => {
        one = await get(staff, `/api/v1/enrolments/${enrolments.alina.id}`);
      });
      assert.equal(one.case_id, null);
      assert.deepEqual(sorted(one.allowed_transitions), ['ended', 'suspended']);
      assert.deepEqual(read.map((e) => [e.entity_type, e.entity_id, e.detail.enrolment_id]), [['person', persons.alina.id, enrolments.alina.id]]);

      // Why a person was taken in from outside the area is the social workers' to read.
      let care;
      let carmen;
      const careReads = await auditedDuring('enrolment.staff_read', async () => {
        care = await get(staff, `/api/v1/enrolments?service_id=${homeCare.id}`);
        carmen = await get(staff, `/api/v1/enrolments/${enrolments.carmen.id}`);
      });
      assert.deepEqual(care.items.map((e) => [e.id, e.outside_area_reason, e.case_id]), [[enrolments.carmen.id, null, null]]);
      assert.deepEqual([carmen.id, carmen.outside_area_reason, carmen.end_reason, carmen.case_id], [enrolments.carmen.id, null, null, null]);
      assert.deepEqual(careReads.map((e) => [e.entity_id, e.detail.enrolment_id]), [[persons.carmen.id, enrolments.carmen.id], [persons.carmen.id, enrolments.carmen.id]]);

      // Those who work with the person still see the case, and their reads are no staff reads.
      const none = await auditedDuring('enrolment.staff_read', async () => {
        assert.equal((await get(actors.worker, `/api/v1/enrolments/${enrolments.alina.id}`)).case_id, enrolments.alina.case_id);
        assert.equal((await get(actors.worker, `/api/v1/enrolments/${enrolments.carmen.id}`)).outside_area_reason, 'Her daughter lives in town');
        assert.deepEqual(
          (await get(actors.head, `/api/v1/enrolments?service_id=${homeCare.id}`)).items.map((e) => e.outside_area_reason),
          ['Her daughter lives in town'],
        );
        assert.equal((await get(actors.head, `/api/v1/enrolments?service_id=${centre.id}`)).items.length, 2);
        // A refused read is no read.
        await staff.request({ path: `/api/v1/enrolments/${enrolments.dan.id}` });
        await actors.idle.request({ path: `/api/v1/enrolments/${enrolments.alina.id}` });
      });
      assert.deepEqual(none, []);
    });

    it('a member suspends, resumes and ends a place; the first waiting is then offered; offers and withdrawals stay with the social workers', async () => {
      const staff = actors.staff;
      const bogdan = enrolments.bogdan;
      refused(await move(staff, bogdan, 'withdrawn', 'No longer needed'), 403, 'auth.forbidden', 'a member withdraws a waiting enrolment');
      assert.equal((await get(actors.worker, `/api/v1/enrolments/${bogdan.id}`)).state, 'waiting');

      let alina = enrolments.alina;
      const suspended = await move(staff, alina, 'suspended', 'In hospital');
      assert.equal(suspended.status, 200, suspended.text);
      assert.equal(suspended.json.state, 'suspended');
      assert.equal(suspended.json.case_id, null);
      assert.deepEqual(sorted(suspended.json.allowed_transitions), ['active', 'ended']);
      alina = suspended.json;
      const resumed = await move(staff, alina, 'active');
      assert.equal(resumed.status, 200, resumed.text);
      assert.equal(resumed.json.state, 'active');
      alina = resumed.json;
      refused(await move(staff, alina, 'ended', 'x', alina.version - 1), 409, 'conflict.stale_version', 'a stale If-Match');
      const noReason = await move(staff, alina, 'ended');
      refused(noReason, 400, 'enrolment.reason_required', 'ending without a reason');
      const ended = await move(staff, alina, 'ended', 'Moved to her daughter');
      assert.equal(ended.status, 200, ended.text);
      assert.equal(ended.json.state, 'ended');
      // The member wrote the reason, but reads it no more than any other the social workers keep.
      assert.equal(ended.json.end_reason, null);
      assert.equal(ended.json.case_id, null);
      assert.deepEqual(ended.json.allowed_transitions, []);
      assert.equal((await get(staff, `/api/v1/enrolments/${alina.id}`)).end_reason, null);
      const endedSeen = await get(actors.worker, `/api/v1/enrolments/${alina.id}`);
      assert.deepEqual([endedSeen.state, endedSeen.end_reason, endedSeen.case_id], ['ended', 'Moved to her daughter', enrolments.alina.case_id]);
      // A place does not end, nor pause, before the day it began.
      const carmen = await get(staff, `/api/v1/enrolments/${enrolments.carmen.id}`);
      for (const [to, reason] of [['ended', 'Left'], ['suspended', 'In hospital']]) {
        const early = await staff.request({
          method: 'POST',
          path: `/api/v1/enrolments/${carmen.id}/transitions`,
          headers: { 'If-Match': `"${carmen.version}"` },
          json: { to, reason, date: '2001-01-01' },
        });
        refused(early, 400, 'enrolment.invalid_date', `${to} before the place began`);
        assert.equal(early.json.field, 'date');
      }
      assert.equal((await get(staff, `/api/v1/enrolments/${carmen.id}`)).version, carmen.version, 'nothing moved');
      enrolments.alina = ended.json;

      // The place went to the first waiting.
      const offered = await get(staff, `/api/v1/enrolments/${bogdan.id}`);
      assert.equal(offered.state, 'offered');
      assert.deepEqual(offered.allowed_transitions, []);
      refused(await move(staff, offered, 'active'), 403, 'auth.forbidden', 'a member accepts an offer');
      refused(await move(staff, offered, 'withdrawn', 'Declined'), 403, 'auth.forbidden', 'a member declines an offer');
      const accepted = await move(actors.worker, offered, 'active');
      assert.equal(accepted.status, 200, accepted.text);
      assert.equal(accepted.json.state, 'active');
      enrolments.bogdan = accepted.json;

      // A withdrawn turn is no longer the member's to see: not in the list, not by its id, not
      // to move; the social worker still sees it.
      const elena = await post(admin, '/api/v1/persons', { given_name: 'Elena', family_name: 'Moraru', birth_date: '1952-03-04', community_code: HOME });
      const waiting = await post(actors.worker, '/api/v1/enrolments', { service_id: centre.id, person_id: elena.id });
      assert.equal(waiting.state, 'waiting');
      const listed = async (actor) => (await get(actor, `/api/v1/enrolments?service_id=${centre.id}&limit=200`)).items.map((e) => e.id);
      assert.ok((await listed(staff)).includes(waiting.id), 'the member sees the waiting turn');
      const withdrawn = await move(actors.worker, waiting, 'withdrawn', 'The family takes care of her');
      assert.equal(withdrawn.status, 200, withdrawn.text);
      assert.deepEqual([withdrawn.json.state, withdrawn.json.end_reason], ['withdrawn', 'The family takes care of her']);
      const hidden = await auditedDuring('enrolment.staff_read', async () => {
        assert.ok(!(await listed(staff)).includes(waiting.id), 'the member lists a withdrawn enrolment');
        refused(await staff.request({ path: `/api/v1/enrolments/${waiting.id}` }), 404, 'enrolment.not_found', 'the member reads a withdrawn enrolment');
        refused(await move(staff, withdrawn.json, 'active'), 404, 'enrolment.not_found', 'the member moves a withdrawn enrolment');
        refused(await move(staff, withdrawn.json, 'suspended', 'x'), 404, 'enrolment.not_found', 'the member suspends a withdrawn enrolment');
      });
      assert.ok(!hidden.some((e) => e.entity_id === elena.id), 'a withdrawn enrolment was shown to the member');
      assert.ok((await listed(actors.worker)).includes(waiting.id), 'the social worker lists the withdrawn enrolment');
      assert.ok((await listed(actors.head)).includes(waiting.id), 'who runs the service lists the withdrawn enrolment');
      assert.equal((await get(actors.worker, `/api/v1/enrolments/${waiting.id}`)).state, 'withdrawn');

      // The state changes are the member's, the automatic offer included.
      const changes = (await auditOf('enrolment.state_change')).filter((e) => e.actor_username === usernameOf('staff'));
      const who = { [enrolments.alina.id]: 'alina', [bogdan.id]: 'bogdan' };
      assert.deepEqual(
        changes.map((e) => `${who[e.entity_id]} ${e.detail.from}→${e.detail.to}${e.detail.automatic ? ' automatic' : ''}`),
        ['alina active→suspended', 'alina suspended→active', 'alina active→ended', 'bogdan waiting→offered automatic'],
      );
    });

    it('who is not on the staff, or works elsewhere, sees none of the services', async () => {
      for (const key of ['idle', 'far_staff', 'sibling_staff']) {
        const a = actors[key];
        assert.deepEqual((await get(a, '/api/v1/providers?limit=200')).items, [], `${key}: providers`);
        assert.deepEqual((await get(a, '/api/v1/services?limit=200')).items, [], `${key}: services`);
        assert.deepEqual((await get(a, '/api/v1/enrolments?worker=me')).items, [], `${key}: enrolments`);
        refused(await a.request({ path: `/api/v1/providers/${provider.id}` }), 404, 'provider.not_found', `${key}: the provider`);
        refused(await a.request({ path: `/api/v1/services/${centre.id}` }), 404, 'service.not_found', `${key}: the service`);
        refused(await a.request({ path: `/api/v1/enrolments?service_id=${centre.id}` }), 404, 'service.not_found', `${key}: the enrolments of the service`);
        refused(await a.request({ path: `/api/v1/enrolments/${enrolments.bogdan.id}` }), 404, 'enrolment.not_found', `${key}: an enrolment`);
        refused(await move(a, enrolments.bogdan, 'suspended', 'x'), 404, 'enrolment.not_found', `${key}: suspending`);
      }
      // None of them was shown a person.
      const readers = new Set((await auditOf('enrolment.staff_read')).map((e) => e.actor_username));
      assert.deepEqual([...readers], [usernameOf('staff')]);
    });

    it('taking a member off the staff, or their role away, ends the access at once', async () => {
      const staff = actors.staff;
      const head = actors.head;
      const seesCentre = async () => (await staff.request({ path: `/api/v1/services/${centre.id}` })).status === 200;
      assert.ok(await seesCentre());
      const removed = await head.request({ method: 'DELETE', path: `${staffPath()}/${users.staff.id}` });
      assert.equal(removed.status, 200, removed.text);
      assert.deepEqual(removed.json.items, []);
      // The same session, the next request.
      assert.deepEqual((await get(staff, '/api/v1/providers')).items, []);
      assert.deepEqual((await get(staff, '/api/v1/services')).items, []);
      refused(await staff.request({ path: `/api/v1/services/${centre.id}` }), 404, 'service.not_found', 'the service, once off the staff');
      refused(await staff.request({ path: `/api/v1/enrolments/${enrolments.bogdan.id}` }), 404, 'enrolment.not_found', 'an enrolment, once off the staff');
      refused(await move(staff, enrolments.bogdan, 'suspended', 'x'), 404, 'enrolment.not_found', 'moving an enrolment, once off the staff');
      const removes = (await auditOf('provider.staff_remove')).filter((e) => e.detail.user_id === users.staff.id);
      assert.deepEqual(removes.map((e) => [e.actor_username, e.entity_id]), [[usernameOf('head'), provider.id]]);

      // Back on the staff, then the role moved to another community: the membership stays,
      // the access does not.
      await post(head, staffPath(), { user_id: users.staff.id });
      assert.ok(await seesCentre());
      const user = await get(admin, `/api/v1/users/${users.staff.id}`);
      const patched = await admin.request({
        method: 'PATCH',
        path: `/api/v1/users/${users.staff.id}`,
        headers: { 'If-Match': `"${user.version}"` },
        json: { roles: [{ role: 'provider_staff', territory_code: SIBLING }] },
      });
      assert.equal(patched.status, 200, patched.text);
      assert.deepEqual((await get(head, staffPath())).items.map((m) => m.user.id), [users.staff.id]);
      // The same session, the next request.
      assert.deepEqual((await get(staff, '/api/v1/services')).items, []);
      refused(await staff.request({ path: `/api/v1/services/${centre.id}` }), 404, 'service.not_found', 'the service, once the role lies elsewhere');
      refused(await staff.request({ path: `/api/v1/enrolments/${enrolments.bogdan.id}` }), 404, 'enrolment.not_found', 'an enrolment, once the role lies elsewhere');
    });
  });
}
