// Attendance of day services (docs/services-api.md, "Attendance (day services)"): a day centre
// of Alba Iulia (RO:1017) with one place, its provider's staff and the head of service who runs
// it record the days each person attended, month by month; the sheet of a month lists the
// enrolments that held a place on some day of it. The rules of a day (a day of the month, not
// after today, within the enrolment), of the version (If-Match once something is recorded), of
// the service (one that counts days) and of the enrolment (one that held a place); a social
// worker reads but does not record; another community sees neither the sheet nor the rows.
//
// "Today" is the server's: the day the first enrolment became active (`started_on`).
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { ADMIN_PASSWORD, backends, createDatabase, startServer } from './lib/server.js';
import { Actor, getOk, postOk, refused } from './lib/client.js';

const HOME = 'RO:1017'; // Municipiul Alba Iulia
const SIBLING = 'RO:1071'; // Ciugud, another community of RO:10
const ELSEWHERE = 'UA:UA01020010000048857'; // Андріївська hromada
const PASSWORD = 'Attendance-Password-1';

const USERS = {
  head: [HOME, 'head_of_service'],
  worker: [HOME, 'social_worker'],
  staff: [HOME, 'provider_staff'],
  sibling_head: [SIBLING, 'head_of_service'],
  sibling_worker: [SIBLING, 'social_worker'],
  far_head: [ELSEWHERE, 'head_of_service'],
};
const usernameOf = (key) => `at.${key.replace(/_/g, '-')}`;

// Calendar helpers over 'YYYY-MM' and 'YYYY-MM-DD'.
const pad = (n) => String(n).padStart(2, '0');
const monthOf = (date) => date.slice(0, 7);
const dayOf = (date) => Number(date.slice(8, 10));
const shiftMonth = (month, by) => {
  const d = new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)) - 1 + by, 1));
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}`;
};
const daysIn = (month) => new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 0)).getUTCDate();
const range = (from, to) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

for (const backend of backends()) {
  describe(`attendance on ${backend.name}`, () => {
    let db;
    let server;
    let admin;
    const users = {};
    const actors = {};
    let provider;
    let centre; // day_centre, one place
    let homeCare; // home_care: counts no days
    const enrolments = {}; // ana: active in the centre; bogdan: waiting there; carmen: home care
    let today; // the server's day, 'YYYY-MM-DD'
    let month; // today's month

    const post = postOk;
    const get = getOk;
    // `version`: a number is sent quoted ("3"), a string as it stands (a bare 0), none: no If-Match.
    const record = (actor, enrolment, m, days, version) =>
      actor.request({
        method: 'PUT',
        path: `/api/v1/enrolments/${enrolment.id}/attendance/${m}`,
        headers: version === undefined ? {} : { 'If-Match': typeof version === 'string' ? version : `"${version}"` },
        json: { days },
      });
    const sheet = (actor, m, service = centre, query = '') => get(actor, `/api/v1/services/${service.id}/attendance?month=${m}${query}`);
    const transition = async (actor, enrolment, json) => {
      const current = await get(actor, `/api/v1/enrolments/${enrolment.id}`);
      return actor.request({
        method: 'POST', path: `/api/v1/enrolments/${enrolment.id}/transitions`, headers: { 'If-Match': `"${current.version}"` }, json,
      });
    };
    const move = async (actor, enrolment, json) => {
      const res = await transition(actor, enrolment, json);
      assert.equal(res.status, 200, `${actor.name}: ${JSON.stringify(json)}: ${res.text}`);
      return res.json;
    };
    const lastDayOf = (m) => `${m}-${pad(daysIn(m))}`;
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

    before(async () => {
      db = createDatabase(backend);
      server = await startServer({ db });
      admin = new Actor(server.url, 'admin');
      await admin.login('admin', ADMIN_PASSWORD);
      for (const [key, [territory, role]] of Object.entries(USERS)) {
        const created = await post(admin, '/api/v1/users', {
          username: usernameOf(key),
          display_name: `Attendance ${key.replace(/_/g, ' ')}`,
          home_territory_code: territory,
          roles: [{ role, territory_code: territory }],
          password: PASSWORD,
        });
        users[key] = created.user;
        actors[key] = new Actor(server.url, key);
        await actors[key].login(usernameOf(key), PASSWORD);
      }
      const head = actors.head;
      provider = await post(head, '/api/v1/providers', { territory_code: HOME, name: 'Centrul Speranța', kind: 'public' });
      centre = await post(head, '/api/v1/services', {
        provider_id: provider.id, territory_code: HOME, name: 'Centrul de zi Speranța', type: 'day_centre', capacity: 1,
      });
      homeCare = await post(head, '/api/v1/services', {
        provider_id: provider.id, territory_code: HOME, name: 'Îngrijire Speranța', type: 'home_care', capacity: 3,
      });
      await post(head, `/api/v1/providers/${provider.id}/staff`, { user_id: users.staff.id });
      const person = (given) => post(admin, '/api/v1/persons', { given_name: given, family_name: 'Lazăr', birth_date: '1948-07-15', community_code: HOME });
      const enrol = async (service, given, note) =>
        post(actors.worker, '/api/v1/enrolments', { service_id: service.id, person_id: (await person(given)).id, ...(note ? { note } : {}) });
      enrolments.ana = await enrol(centre, 'Ana', 'Comes by bus');
      enrolments.bogdan = await enrol(centre, 'Bogdan');
      enrolments.carmen = await enrol(homeCare, 'Carmen');
      assert.equal(enrolments.ana.state, 'active');
      assert.equal(enrolments.bogdan.state, 'waiting');
      assert.equal(enrolments.carmen.state, 'active');
      today = enrolments.ana.started_on;
      assert.match(today, /^\d{4}-\d{2}-\d{2}$/);
      month = monthOf(today);
    });

    after(async () => {
      if (server) {
        const exit = await server.stop();
        assert.equal(exit.code, 0, `socius exited with ${JSON.stringify(exit)} on SIGTERM`);
      }
      db?.drop();
    });

    it('the sheet of a month lists who held a place in it, nothing recorded yet', async () => {
      const s = await sheet(actors.staff, month);
      assert.deepEqual(s.service, { id: centre.id, name: centre.name, type: 'day_centre' });
      assert.equal(s.month, month);
      assert.equal(s.days_in_month, daysIn(month));
      assert.equal(s.counts_days, true);
      assert.equal(s.today, today);
      assert.equal(s.next_cursor, null);
      // The waiting enrolment held no place.
      assert.deepEqual(s.items, [
        {
          enrolment_id: enrolments.ana.id,
          month,
          person: { id: enrolments.ana.person.id, name: enrolments.ana.person.name, birth_date: '1948-07-15' },
          state: 'active',
          started_on: today,
          ended_on: null,
          note: 'Comes by bus',
          days: [],
          days_present: 0,
          version: 0,
          updated_by: null,
          updated_at: null,
        },
      ]);
      assert.deepEqual((await sheet(actors.staff, shiftMonth(month, -1))).items, [], 'the month before anyone started');
      const care = await sheet(actors.head, month, homeCare);
      assert.equal(care.counts_days, false);
      assert.deepEqual(care.items.map((r) => r.enrolment_id), [enrolments.carmen.id]);
      for (const bad of ['', '2026-13', '2026-00', '2026-1', '26-01', 'abcd-ef', '2026-01-01']) {
        const res = await actors.staff.request({ path: `/api/v1/services/${centre.id}/attendance?month=${bad}` });
        refused(res, 400, 'request.invalid_query', `month=${bad}`);
        assert.equal(res.json.field, 'month');
      }
      const none = await actors.staff.request({ path: `/api/v1/services/${centre.id}/attendance` });
      refused(none, 400, 'request.invalid_query', 'no month');
    });

    it('recording days: without If-Match only while nothing is recorded, then with the row\'s version', async () => {
      const staff = actors.staff;
      const d = dayOf(today);
      // A version on a month with nothing recorded (one the place overlaps) is stale; "0" is
      // not, but the month's first record is made without If-Match here.
      refused(await record(staff, enrolments.ana, month, [d], 3), 409, 'conflict.stale_version', 'If-Match on a month with nothing recorded');
      const first = await record(staff, enrolments.ana, month, [d, d]);
      assert.equal(first.status, 200, first.text);
      assert.equal(first.headers.etag, '"1"');
      assert.equal(first.json.enrolment_id, enrolments.ana.id);
      assert.deepEqual(first.json.days, [d], 'repeats are dropped');
      assert.equal(first.json.days_present, 1);
      assert.equal(first.json.version, 1);
      assert.deepEqual(first.json.updated_by, { id: users.staff.id, display_name: users.staff.display_name });
      refused(await record(staff, enrolments.ana, month, [d]), 409, 'conflict.stale_version', 'again without If-Match');
      refused(await record(staff, enrolments.ana, month, [d], 0), 409, 'conflict.stale_version', 'again with If-Match "0"');
      refused(await record(staff, enrolments.ana, month, [d], '0'), 409, 'conflict.stale_version', 'again with If-Match 0');
      const second = await record(staff, enrolments.ana, month, [d], 1);
      assert.equal(second.status, 200, second.text);
      assert.equal(second.headers.etag, '"2"');
      assert.equal(second.json.version, 2);
      refused(await record(staff, enrolments.ana, month, [], 1), 409, 'conflict.stale_version', 'a stale If-Match');
      refused(await record(staff, enrolments.ana, month, [], 3), 409, 'conflict.stale_version', 'an If-Match ahead of the row');
      // Who runs the service records too; an empty month is a record.
      const byHead = await record(actors.head, enrolments.ana, month, [], 2);
      assert.equal(byHead.status, 200, byHead.text);
      assert.deepEqual([byHead.json.days, byHead.json.days_present, byHead.json.version], [[], 0, 3]);
      const third = await record(staff, enrolments.ana, month, [d], 3);
      assert.equal(third.status, 200, third.text);
      assert.deepEqual([third.json.days, third.json.version], [[d], 4]);

      const [row] = (await sheet(actors.head, month)).items;
      assert.deepEqual([row.days, row.days_present, row.version, row.updated_by.id], [[d], 1, 4, users.staff.id]);
      assert.ok(row.updated_at, 'updated_at once recorded');

      // A social worker of the person's community reads the sheet, but does not record.
      const seen = await sheet(actors.worker, month);
      assert.deepEqual(seen.items.map((r) => [r.enrolment_id, r.version]), [[enrolments.ana.id, 4]]);
      refused(await record(actors.worker, enrolments.ana, month, [d], 4), 403, 'auth.forbidden', 'a social worker records');
      refused(await record(actors.worker, enrolments.ana, month, [d]), 403, 'auth.forbidden', 'a social worker records without If-Match');

      const audit = (await auditOf('attendance.record')).filter((e) => e.entity_id === enrolments.ana.id);
      assert.deepEqual(
        audit.map((e) => [e.actor_username, e.entity_type, e.territory_code, e.detail]),
        [
          [usernameOf('staff'), 'enrolment', HOME, { month, days_present: 1, service_id: centre.id, person_id: enrolments.ana.person.id }],
          [usernameOf('staff'), 'enrolment', HOME, { month, days_present: 1, service_id: centre.id, person_id: enrolments.ana.person.id }],
          [usernameOf('head'), 'enrolment', HOME, { month, days_present: 0, service_id: centre.id, person_id: enrolments.ana.person.id }],
          [usernameOf('staff'), 'enrolment', HOME, { month, days_present: 1, service_id: centre.id, person_id: enrolments.ana.person.id }],
        ],
      );
    });

    it('a day must be of the month, not after today, within the enrolment; the month must be YYYY-MM', async () => {
      const staff = actors.staff;
      const ana = enrolments.ana;
      const invalidDay = async (m, days) => {
        const res = await record(staff, ana, m, days, 4);
        refused(res, 400, 'attendance.invalid_day', `${m} ${JSON.stringify(days)}`);
        assert.equal(res.json.field, 'days');
      };
      for (const days of [[0], [32], [-1], ['3'], [1.5], [null]]) await invalidDay(month, days);
      await invalidDay('2027-02', [29]); // not a leap year
      await invalidDay('2026-11', [31]);
      if (daysIn(month) < 31) await invalidDay(month, [daysIn(month) + 1]);
      const future = async (m, days) => {
        const res = await record(staff, ana, m, days);
        refused(res, 400, 'attendance.future_day', `${m} ${JSON.stringify(days)}`);
        assert.equal(res.json.field, 'days');
      };
      await future(shiftMonth(month, 1), [1]);
      if (dayOf(today) < daysIn(month)) await future(month, [dayOf(today), dayOf(today) + 1]);
      const outside = async (m, days) => {
        const res = await record(staff, ana, m, days);
        refused(res, 400, 'attendance.day_outside_enrolment', `${m} ${JSON.stringify(days)}`);
        assert.equal(res.json.field, 'days');
      };
      await outside(shiftMonth(month, -1), [daysIn(shiftMonth(month, -1))]); // before it started
      if (dayOf(today) > 1) await outside(month, [1, dayOf(today)]);
      // Without days, the month itself must overlap the place, up to today.
      const monthOutside = async (m, version) => {
        const res = await record(staff, ana, m, [], version);
        refused(res, 400, 'attendance.month_outside_enrolment', `${m} []${version === undefined ? '' : ` If-Match ${version}`}`);
        assert.equal(res.json.field, 'month');
      };
      await monthOutside(shiftMonth(month, -1)); // before it started
      await monthOutside(shiftMonth(month, -12));
      await monthOutside(shiftMonth(month, 1)); // not begun yet
      await monthOutside(shiftMonth(month, -1), 0);
      await monthOutside(shiftMonth(month, 1), 4);
      for (const bad of ['2026-13', '2026-00', '2026-1', '202611', 'abcd-ef', '2026-11-01', '1899-12']) {
        const res = await record(staff, ana, bad, [1]);
        refused(res, 400, 'attendance.invalid_month', `month ${bad}`);
      }
      // Nothing of it was written.
      const [row] = (await sheet(staff, month)).items;
      assert.deepEqual([row.days, row.version], [[dayOf(today)], 4]);
      assert.deepEqual((await sheet(staff, shiftMonth(month, -1))).items, [], 'no row of the month before');
    });

    it('only a day service counts days, and only for an enrolment that held a place', async () => {
      const d = dayOf(today);
      refused(await record(actors.staff, enrolments.carmen, month, [d]), 409, 'attendance.not_day_service', 'home care');
      refused(await record(actors.head, enrolments.carmen, month, [d]), 409, 'attendance.not_day_service', 'home care, by the head');
      refused(await record(actors.staff, enrolments.bogdan, month, [d]), 409, 'attendance.not_enrolled', 'a waiting enrolment');
      assert.deepEqual((await auditOf('attendance.record')).filter((e) => e.entity_id !== enrolments.ana.id), []);
    });

    it('another community sees neither the sheet nor the enrolments', async () => {
      for (const key of ['sibling_head', 'sibling_worker', 'far_head']) {
        const a = actors[key];
        refused(await a.request({ path: `/api/v1/services/${centre.id}/attendance?month=${month}` }), 404, 'service.not_found', `${key} reads the sheet`);
        refused(await record(a, enrolments.ana, month, [dayOf(today)], 4), 404, 'enrolment.not_found', `${key} records`);
      }
      assert.equal((await auditOf('attendance.record')).length, 4);
    });

    it('the sheet follows the places held: ended, offered, accepted, withdrawn', async () => {
      const staff = actors.staff;
      const first = `${month}-01`;
      // Another person waits behind Bogdan, then withdraws: never on a sheet.
      const dora = await post(actors.worker, '/api/v1/enrolments', {
        service_id: centre.id,
        person_id: (await post(admin, '/api/v1/persons', { given_name: 'Dora', family_name: 'Lazăr', community_code: HOME })).id,
      });
      assert.equal(dora.state, 'waiting');
      // Ana's place ends today; Bogdan is offered it and accepts, started on the 1st. The reason
      // is the social workers' to read, not the staff's.
      const endedAna = await move(staff, enrolments.ana, { to: 'ended', reason: 'Moved away' });
      assert.deepEqual([endedAna.state, endedAna.end_reason, endedAna.case_id], ['ended', null, null]);
      assert.equal((await get(staff, `/api/v1/enrolments/${enrolments.ana.id}`)).end_reason, null);
      assert.equal((await get(actors.worker, `/api/v1/enrolments/${enrolments.ana.id}`)).end_reason, 'Moved away');
      assert.equal((await sheet(actors.head, month)).items.find((r) => r.enrolment_id === enrolments.ana.id).state, 'ended');
      const offered = await get(actors.worker, `/api/v1/enrolments/${enrolments.bogdan.id}`);
      assert.equal(offered.state, 'offered');
      refused(await record(staff, offered, month, [dayOf(today)]), 409, 'attendance.not_enrolled', 'an offer not yet accepted');
      const bogdan = await move(actors.worker, offered, { to: 'active', date: first });
      assert.equal(bogdan.started_on, first);
      // Dora waits: the staff see her turn, until she withdraws.
      const listed = async (actor) => (await get(actor, `/api/v1/enrolments?service_id=${centre.id}&limit=200`)).items.map((e) => e.id);
      assert.ok((await listed(staff)).includes(dora.id), 'the staff see a waiting enrolment');
      const withdrawn = await move(actors.worker, dora, { to: 'withdrawn', reason: 'Found another centre' });
      assert.equal(withdrawn.state, 'withdrawn');
      // A withdrawn enrolment does not exist for the provider's staff; the social worker and
      // who runs the service still see it (and recording for it is refused as such).
      refused(await record(staff, withdrawn, month, [dayOf(today)]), 404, 'enrolment.not_found', 'the staff record for a withdrawn enrolment');
      refused(await record(staff, withdrawn, month, []), 404, 'enrolment.not_found', 'the staff record an empty month for a withdrawn enrolment');
      refused(await staff.request({ path: `/api/v1/enrolments/${dora.id}` }), 404, 'enrolment.not_found', 'the staff read a withdrawn enrolment');
      refused(
        await staff.request({
          method: 'POST', path: `/api/v1/enrolments/${dora.id}/transitions`, headers: { 'If-Match': `"${withdrawn.version}"` }, json: { to: 'suspended', reason: 'x' },
        }),
        404,
        'enrolment.not_found',
        'the staff move a withdrawn enrolment',
      );
      assert.ok(!(await listed(staff)).includes(dora.id), 'the staff list a withdrawn enrolment');
      assert.ok((await listed(actors.worker)).includes(dora.id), 'the social worker lists the withdrawn enrolment');
      assert.ok((await listed(actors.head)).includes(dora.id), 'who runs the service lists the withdrawn enrolment');
      const seenByWorker = await get(actors.worker, `/api/v1/enrolments/${dora.id}`);
      assert.deepEqual([seenByWorker.state, seenByWorker.end_reason], ['withdrawn', 'Found another centre']);
      refused(await record(actors.head, withdrawn, month, [dayOf(today)]), 409, 'attendance.not_enrolled', 'who runs the service records for a withdrawn enrolment');

      const now = await sheet(staff, month);
      assert.deepEqual(
        now.items.map((r) => [r.enrolment_id, r.state, r.started_on, r.ended_on]).sort(),
        [
          [enrolments.ana.id, 'ended', today, today],
          [enrolments.bogdan.id, 'active', first, null],
        ].sort(),
      );
      assert.deepEqual((await sheet(staff, shiftMonth(month, 1))).items.map((r) => r.enrolment_id), [enrolments.bogdan.id], 'next month: only the place still held');
      assert.deepEqual((await sheet(staff, shiftMonth(month, -1))).items, []);
      // Pages of one row.
      const page1 = await sheet(staff, month, centre, '&limit=1');
      assert.equal(page1.items.length, 1);
      assert.ok(page1.next_cursor, 'a second page');
      const page2 = await sheet(staff, month, centre, `&limit=1&cursor=${encodeURIComponent(page1.next_cursor)}`);
      assert.equal(page2.items.length, 1);
      assert.equal(page2.next_cursor, null);
      assert.deepEqual([page1.items[0].enrolment_id, page2.items[0].enrolment_id].sort(), [enrolments.ana.id, enrolments.bogdan.id].sort());

      // Bogdan's days from the 1st to today; Ana's recorded days stay after her place ended.
      const days = range(1, dayOf(today));
      const recorded = await record(staff, bogdan, month, [...days].reverse());
      assert.equal(recorded.status, 200, recorded.text);
      assert.deepEqual([recorded.json.days, recorded.json.days_present], [days, days.length]);
      const ana = now.items.find((r) => r.enrolment_id === enrolments.ana.id);
      assert.deepEqual([ana.days, ana.version], [[dayOf(today)], 4]);
      // A place neither ends nor pauses before the day it began.
      const dayBefore = lastDayOf(shiftMonth(month, -1));
      for (const json of [{ to: 'ended', reason: 'Left', date: dayBefore }, { to: 'suspended', reason: 'In hospital', date: dayBefore }]) {
        const early = await transition(staff, bogdan, json);
        refused(early, 400, 'enrolment.invalid_date', `${json.to} the day before the place began`);
        assert.equal(early.json.field, 'date');
      }
      assert.equal((await get(actors.worker, `/api/v1/enrolments/${bogdan.id}`)).state, 'active', 'nothing moved');
      // It may end the day it began; after the end, no day counts, and no later month.
      if (dayOf(today) > 1) {
        const ended = await move(staff, bogdan, { to: 'ended', reason: 'Left', date: first });
        assert.deepEqual([ended.ended_on, ended.end_reason], [first, null]);
        const res = await record(staff, bogdan, month, [1, 2], 1);
        refused(res, 400, 'attendance.day_outside_enrolment', 'a day after the place ended');
        assert.equal(res.json.field, 'days');
        const next = await record(staff, bogdan, shiftMonth(month, 1), []);
        refused(next, 400, 'attendance.month_outside_enrolment', 'the month after the place ended');
        assert.equal(next.json.field, 'month');
      }
    });

    it('concurrent records of one month: one wins, the others are stale; a social canteen counts days too', async () => {
      const canteen = await post(actors.head, '/api/v1/services', {
        provider_id: provider.id, territory_code: HOME, name: 'Cantina Speranța', type: 'social_canteen', capacity: 10,
      });
      const person = await post(admin, '/api/v1/persons', { given_name: 'Elena', family_name: 'Lazăr', community_code: HOME });
      const elena = await post(actors.worker, '/api/v1/enrolments', { service_id: canteen.id, person_id: person.id });
      assert.equal(elena.state, 'active');
      const tally = (results) => results.map((r) => `${r.status} ${r.json?.code ?? ''}`.trim()).sort();
      const tries = 8;
      const expected = ['200', ...Array(tries - 1).fill('409 conflict.stale_version')].sort();
      const d = dayOf(today);
      const racers = [actors.staff, actors.head];
      const fresh = await Promise.all(Array.from({ length: tries }, (_, i) => record(racers[i % 2], elena, month, [d])));
      assert.deepEqual(tally(fresh), expected, 'without If-Match');
      const update = await Promise.all(Array.from({ length: tries }, (_, i) => record(racers[i % 2], elena, month, [], 1)));
      assert.deepEqual(tally(update), expected, 'with If-Match "1"');
      const [row] = (await sheet(actors.staff, month, canteen)).items;
      assert.deepEqual([row.enrolment_id, row.days, row.version], [elena.id, [], 2]);
      const audit = (await auditOf('attendance.record')).filter((e) => e.entity_id === elena.id);
      assert.deepEqual(audit.map((e) => e.detail.days_present), [1, 0]);
    });

    it('a place held in an earlier month: its rows only for the months it overlapped; If-Match "0" records a first month', async () => {
      const staff = actors.staff;
      const respite = await post(actors.head, '/api/v1/services', {
        provider_id: provider.id, territory_code: HOME, name: 'Răgaz Speranța', type: 'respite_care', capacity: 1,
      });
      const person = (given) => post(admin, '/api/v1/persons', { given_name: given, family_name: 'Lazăr', community_code: HOME });
      const florin = await post(actors.worker, '/api/v1/enrolments', { service_id: respite.id, person_id: (await person('Florin')).id });
      const gelu = await post(actors.worker, '/api/v1/enrolments', { service_id: respite.id, person_id: (await person('Gelu')).id });
      assert.deepEqual([florin.state, gelu.state], ['active', 'waiting']);
      const d = dayOf(today);

      // "0" means nothing recorded yet, quoted or not: Florin's first month.
      const firstRecord = await record(staff, florin, month, [d], 0);
      assert.equal(firstRecord.status, 200, firstRecord.text);
      assert.deepEqual([firstRecord.headers.etag, firstRecord.json.days, firstRecord.json.version], ['"1"', [d], 1]);
      refused(await record(staff, florin, month, [], '0'), 409, 'conflict.stale_version', 'If-Match 0 once something is recorded');
      refused(await record(staff, florin, month, [], 0), 409, 'conflict.stale_version', 'If-Match "0" once something is recorded');

      // Florin leaves; Gelu, offered the place, is recorded as having held it two months ago only.
      await move(staff, florin, { to: 'ended', reason: 'Moved away' });
      const twoAgo = shiftMonth(month, -2);
      const offered = await get(actors.worker, `/api/v1/enrolments/${gelu.id}`);
      assert.equal(offered.state, 'offered');
      const accepted = await move(actors.worker, offered, { to: 'active', date: `${twoAgo}-01` });
      assert.equal(accepted.started_on, `${twoAgo}-01`);
      const early = await transition(actors.head, accepted, { to: 'ended', reason: 'Left', date: lastDayOf(shiftMonth(month, -3)) });
      refused(early, 400, 'enrolment.invalid_date', 'an end before the start');
      const ended = await move(actors.head, accepted, { to: 'ended', reason: 'Left', date: lastDayOf(twoAgo) });
      assert.deepEqual([ended.started_on, ended.ended_on], [`${twoAgo}-01`, lastDayOf(twoAgo)]);

      const recorded = await record(staff, gelu, twoAgo, [], '0');
      assert.equal(recorded.status, 200, recorded.text);
      assert.deepEqual([recorded.json.days, recorded.json.version], [[], 1]);
      const updated = await record(staff, gelu, twoAgo, [2, 1], 1);
      assert.equal(updated.status, 200, updated.text);
      assert.deepEqual([updated.json.days, updated.json.version], [[1, 2], 2]);
      // Months it did not overlap: before it began, after it ended (though past), this month.
      for (const m of [shiftMonth(month, -3), shiftMonth(month, -1), month, shiftMonth(month, 1)]) {
        for (const version of [undefined, 0]) {
          const res = await record(staff, gelu, m, [], version);
          refused(res, 400, 'attendance.month_outside_enrolment', `${m} [] If-Match ${version}`);
          assert.equal(res.json.field, 'month');
        }
      }
      // With days, the days are checked first.
      for (const m of [shiftMonth(month, -3), shiftMonth(month, -1)]) {
        const res = await record(staff, gelu, m, [1]);
        refused(res, 400, 'attendance.day_outside_enrolment', `${m} [1]`);
        assert.equal(res.json.field, 'days');
      }
      refused(await record(staff, gelu, shiftMonth(month, 1), [1]), 400, 'attendance.future_day', 'a day of next month');

      const sheetOf = async (m) => (await sheet(actors.head, m, respite)).items.map((r) => [r.enrolment_id, r.days, r.version]);
      assert.deepEqual(await sheetOf(twoAgo), [[gelu.id, [1, 2], 2]]);
      assert.deepEqual(await sheetOf(shiftMonth(month, -1)), []);
      assert.deepEqual(await sheetOf(month), [[florin.id, [d], 1]]);
      const audit = (await auditOf('attendance.record')).filter((e) => e.entity_id === gelu.id || e.entity_id === florin.id);
      assert.deepEqual(
        audit.map((e) => [e.entity_id, e.detail.month, e.detail.days_present]),
        [[florin.id, month, 1], [gelu.id, twoAgo, 0], [gelu.id, twoAgo, 2]],
      );
    });

    it('each person shown to the provider\'s staff on a sheet is an audited read', async () => {
      const before = new Set((await auditOf('enrolment.staff_read')).map((e) => e.seq));
      const s = await sheet(actors.staff, month);
      await sheet(actors.head, month); // who runs the service reads no differently than before
      const reads = (await auditOf('enrolment.staff_read')).filter((e) => !before.has(e.seq));
      assert.deepEqual(
        reads.map((e) => [e.actor_username, e.entity_type, e.entity_id, e.detail.enrolment_id, e.detail.service_id]).sort(),
        s.items.map((r) => [usernameOf('staff'), 'person', r.person.id, r.enrolment_id, centre.id]).sort(),
      );
      assert.equal(reads.length, 2);
    });
  });
}
