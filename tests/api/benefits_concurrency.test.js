// The budget is never overspent, also when many officers approve at once: 50 applications of
// 50 households, approved in parallel by ten officers at their own desks, against a month whose
// budget has room for exactly 10 of them. Exactly 10 decisions are taken, the 40 others are
// refused with 409 decision.budget_exceeded (never a 500, never a half-written decision), and
// the month's committed amount is exactly 10 × the amount; on SQLite and on PostgreSQL.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { ADMIN_PASSWORD, backends, createDatabase, startServer } from './lib/server.js';
import { Actor } from './lib/client.js';
import { missingRoutes } from './lib/scenario.js';

const HOME = 'RO:1017';
const PASSWORD = 'Concurrency-Password-1';
const AMOUNT = 125000; // 1,250.00 lei a month
const ROOM = 10;
const APPLICATIONS = 50;
const OFFICERS = 10;

const skip =
  missingRoutes({
    requires_routes: ['POST /api/v1/programmes', 'GET /api/v1/programmes/{id}/budgets', 'POST /api/v1/applications', 'POST /api/v1/applications/{id}/decision', 'GET /api/v1/decisions'],
  }) ?? false;

// Names take letters only: the n-th household is "Racer <n in letters>".
const letters = (n) => (n < 26 ? '' : letters(Math.floor(n / 26) - 1)) + String.fromCharCode(97 + (n % 26));

for (const backend of backends()) {
  describe(`benefit budget races on ${backend.name}`, { skip }, () => {
    let db;
    let server;
    let admin;
    const officers = [];

    const post = async (actor, path, json, headers = {}) => {
      const res = await actor.request({ method: 'POST', path, json, headers });
      assert.equal(res.status, 201, `${actor.name}: POST ${path} ${JSON.stringify(json)}: ${res.text}`);
      return res.json;
    };

    before(async () => {
      db = createDatabase(backend);
      server = await startServer({ db });
      admin = new Actor(server.url, 'admin');
      await admin.login('admin', ADMIN_PASSWORD);
      for (let i = 0; i < OFFICERS; i++) {
        const username = `race.officer${letters(i)}`;
        await post(admin, '/api/v1/users', {
          username,
          display_name: `Officer ${letters(i)}`,
          home_territory_code: HOME,
          roles: [{ role: 'benefits_officer', territory_code: HOME }],
          password: PASSWORD,
        });
        const officer = new Actor(server.url, username);
        await officer.login(username, PASSWORD);
        officers.push(officer);
      }
    });

    after(async () => {
      if (server) {
        const exit = await server.stop();
        assert.equal(exit.code, 0, `socius exited with ${JSON.stringify(exit)} on SIGTERM`);
      }
      db?.drop();
    });

    // A programme whose month has room for `room` approvals of AMOUNT, and `count` submitted
    // applications of as many households, for `month`.
    const setUp = async (label, { room, count, month }) => {
      const programme = await post(admin, '/api/v1/programmes', {
        territory_code: HOME,
        name: `Race ${label}`,
        kind: 'monthly_aid',
        currency: 'RON',
        amount: { rule: 'fixed', amount_minor: AMOUNT },
        budget_period: 'month',
        budget_minor: room * AMOUNT,
        status: 'open',
      });
      const applications = [];
      for (let i = 0; i < count; i++) {
        const head = await post(admin, '/api/v1/persons', { given_name: 'Concurent', family_name: `Racer ${label} ${letters(i)}`, community_code: HOME });
        const household = await post(admin, '/api/v1/households', { community_code: HOME, members: [{ person_id: head.id, relationship_to_head: 'head' }] });
        applications.push(
          await post(officers[i % OFFICERS], '/api/v1/applications', {
            programme_id: programme.id,
            household_id: household.id,
            applicant_id: head.id,
            period_from: month,
            period_to: month,
            incomes: [{ person_id: head.id, kind: 'salary', monthly_amount_minor: 50000 }],
          }),
        );
      }
      return { programme, applications };
    };

    const budgetOf = async (programme, month) => {
      const res = await admin.request({ path: `/api/v1/programmes/${programme.id}/budgets?from=${month}&to=${month}` });
      assert.equal(res.status, 200, res.text);
      assert.equal(res.json.items.length, 1, res.text);
      return res.json.items[0];
    };

    const allDecisions = async (programme) => {
      const items = [];
      let cursor = null;
      do {
        const res = await admin.request({ path: `/api/v1/decisions?programme_id=${programme.id}&limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}` });
        assert.equal(res.status, 200, res.text);
        items.push(...res.json.items);
        cursor = res.json.next_cursor;
      } while (cursor);
      return items;
    };

    it(`${APPLICATIONS} parallel approvals, room for ${ROOM}: exactly ${ROOM} approved, the others 409 decision.budget_exceeded`, async () => {
      const month = '2027-03';
      const { programme, applications } = await setUp('a', { room: ROOM, count: APPLICATIONS, month });
      const results = await Promise.all(
        applications.map((application, i) =>
          officers[(i * 7) % OFFICERS].request({
            method: 'POST',
            path: `/api/v1/applications/${application.id}/decision`,
            headers: { 'If-Match': '"1"' },
            json: { outcome: 'approved' },
          }),
        ),
      );
      const tally = {};
      for (const r of results) {
        const key = `${r.status} ${r.json?.code ?? r.json?.state ?? ''}`;
        tally[key] = (tally[key] ?? 0) + 1;
      }
      assert.deepEqual(tally, { '201 active': ROOM, '409 decision.budget_exceeded': APPLICATIONS - ROOM }, JSON.stringify(tally));
      for (const r of results.filter((x) => x.status === 201)) {
        assert.equal(r.json.amount_minor, AMOUNT, r.text);
        assert.equal(r.json.total_minor, AMOUNT, r.text);
      }

      const budget = await budgetOf(programme, month);
      assert.deepEqual(
        { amount_minor: budget.amount_minor, committed_minor: budget.committed_minor, available_minor: budget.available_minor },
        { amount_minor: ROOM * AMOUNT, committed_minor: ROOM * AMOUNT, available_minor: 0 },
      );

      // Exactly the approved ones are decisions; the refused applications are untouched.
      const decisions = await allDecisions(programme);
      assert.equal(decisions.length, ROOM, `${decisions.length} decisions`);
      const approved = new Set(results.filter((r) => r.status === 201).map((r) => r.json.application_id));
      assert.deepEqual(new Set(decisions.map((d) => d.application_id)), approved);
      for (const [i, application] of applications.entries()) {
        const res = await admin.request({ path: `/api/v1/applications/${application.id}` });
        assert.equal(res.status, 200, res.text);
        if (approved.has(application.id)) {
          assert.equal(res.json.state, 'decided', `application ${i}: ${res.text}`);
        } else {
          assert.deepEqual([res.json.state, res.json.decision_id, res.json.version], ['submitted', null, 1], `application ${i}: ${res.text}`);
        }
      }
      const audit = await admin.request({ path: '/api/v1/audit?action=decision.create&limit=200' });
      assert.equal(audit.status, 200, audit.text);
      const taken = new Set(decisions.map((d) => d.id));
      assert.equal(audit.json.items.filter((e) => taken.has(e.entity_id)).length, ROOM, audit.text.slice(0, 500));
    });

    it('a month\'s budget raised by one approval: the next parallel round fills exactly the room made', async () => {
      const month = '2027-04';
      const { programme, applications } = await setUp('b', { room: 3, count: 12, month });
      const approve = (application, i) =>
        officers[i % OFFICERS].request({
          method: 'POST',
          path: `/api/v1/applications/${application.id}/decision`,
          headers: { 'If-Match': '"1"' },
          json: { outcome: 'approved' },
        });
      const first = await Promise.all(applications.slice(0, 6).map(approve));
      const won = first.filter((r) => r.status === 201);
      assert.equal(won.length, 3, first.map((r) => `${r.status} ${r.json?.code ?? ''}`).join(', '));
      assert.ok(first.filter((r) => r.status !== 201).every((r) => r.status === 409 && r.json.code === 'decision.budget_exceeded'));

      // The month's own budget raised by one approval: the next race fills exactly that room.
      const raised = await admin.request({ method: 'PUT', path: `/api/v1/programmes/${programme.id}/budgets/${month}`, json: { amount_minor: 4 * AMOUNT } });
      assert.equal(raised.status, 200, raised.text);
      const second = await Promise.all(applications.slice(6).map((a, i) => approve(a, i + 6)));
      assert.equal(second.filter((r) => r.status === 201).length, 1, second.map((r) => `${r.status} ${r.json?.code ?? ''}`).join(', '));
      assert.ok(second.filter((r) => r.status !== 201).every((r) => r.status === 409 && r.json.code === 'decision.budget_exceeded'));
      const budget = await budgetOf(programme, month);
      assert.deepEqual([budget.committed_minor, budget.available_minor, budget.own], [4 * AMOUNT, 0, true]);
    });
  });
}
