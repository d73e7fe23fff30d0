// Every cases endpoint answers in the shapes docs/openapi.yaml gives (the Actor validates each
// response: status documented, body matching its schema), on each backend: a worker records
// contacts, opens a child's case from one, moves it, plans, refers, writes notes, asks for the
// closure, and a head of service approves it; a second worker gets the summary only, and the
// content's routes answer 404 to them; the community's settings are read and changed.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { ADMIN_PASSWORD, backends, createDatabase, startServer } from './lib/server.js';
import { Actor } from './lib/client.js';

const HOME = 'RO:1017';
const PASSWORD = 'Cases-Contract-Password-7';

for (const backend of backends()) {
  describe(`cases contract (${backend.name})`, () => {
    let db;
    let server;
    const admin = { actor: null };
    const people = {};

    async function staff(key, role) {
      const res = await admin.actor.request({
        method: 'POST',
        path: '/api/v1/users',
        json: { username: `${key}.cases`, display_name: key, home_territory_code: HOME, roles: [{ role, territory_code: HOME }], password: PASSWORD },
      });
      assert.equal(res.status, 201, res.text);
      const actor = new Actor(server.url, key);
      await actor.login(`${key}.cases`, PASSWORD);
      return actor;
    }

    before(async () => {
      db = createDatabase(backend);
      server = await startServer({ db });
      admin.actor = new Actor(server.url, 'admin');
      await admin.actor.login('admin', ADMIN_PASSWORD);
      people.worker = await staff('worker', 'social_worker');
      people.colleague = await staff('colleague', 'social_worker');
      people.head = await staff('head', 'head_of_service');
    });

    after(async () => {
      await server?.stop();
      db?.drop();
    });

    it('answers every route in its documented shape', async () => {
      const { worker, colleague, head } = people;
      const post = (who, path, json, headers) => who.request({ method: 'POST', path, json, headers });
      const patch = (who, path, json, version) => who.request({ method: 'PATCH', path, json, headers: { 'If-Match': `"${version}"` } });
      const get = (who, path) => who.request({ path });

      const mother = await post(admin.actor, '/api/v1/persons', { given_name: 'Ioana', family_name: 'Contractescu', birth_date: '1985-02-03', community_code: HOME });
      assert.equal(mother.status, 201, mother.text);
      const child = await post(admin.actor, '/api/v1/persons', { given_name: 'Vlad', family_name: 'Contractescu', birth_date: '2016-05-06', community_code: HOME });
      const household = await post(admin.actor, '/api/v1/households', {
        community_code: HOME,
        members: [
          { person_id: mother.json.id, relationship_to_head: 'head' },
          { person_id: child.json.id, relationship_to_head: 'child' },
        ],
      });
      assert.equal(household.status, 201, household.text);

      const today = (await get(worker, '/api/v1/today')).json.date;
      assert.match(today, /^\d{4}-\d{2}-\d{2}$/);

      // Contacts.
      const audience = await post(worker, '/api/v1/contacts', { kind: 'audience', person_id: mother.json.id, date: today, reason: 'social_aid', outcome: 'advice_given' });
      assert.equal(audience.status, 201, audience.text);
      const noReason = await post(worker, '/api/v1/contacts', { kind: 'phone_call', person_id: mother.json.id, date: today });
      assert.equal(noReason.status, 400);
      assert.equal(noReason.json.code, 'contact.reason_required');
      const visit = await post(worker, '/api/v1/contacts', {
        kind: 'home_visit', household_id: household.json.id, date: today, reason: 'child_welfare', present: 'Mother, son', observations: 'Cold', next_steps: 'School',
      });
      assert.equal(visit.status, 201, visit.text);
      const planned = await post(worker, '/api/v1/contacts', { kind: 'home_visit', household_id: household.json.id, status: 'planned', date: today });
      assert.equal(planned.status, 201, planned.text);
      assert.equal((await get(worker, `/api/v1/contacts/${visit.json.id}`)).status, 200);
      assert.equal((await patch(worker, `/api/v1/contacts/${planned.json.id}`, { observations: 'Nobody at home', status: 'missed' }, planned.json.version)).status, 200);
      assert.equal((await get(worker, `/api/v1/contacts?person_id=${mother.json.id}`)).status, 200);
      assert.equal((await get(worker, `/api/v1/contacts?household_id=${household.json.id}`)).status, 200);

      // A child's case, opened from the visit.
      const opened = await post(worker, '/api/v1/cases', {
        household_id: household.json.id, category: 'child_at_risk', risk_level: 'high', opening_reason: 'Misses school', origin_contact_id: visit.json.id,
      });
      assert.equal(opened.status, 201, opened.text);
      const id = opened.json.id;
      assert.equal(opened.json.child_case, true);
      assert.deepEqual([...opened.json.allowed_transitions].sort(), ['assessment', 'closed']);
      let version = opened.json.version;
      const skip = await post(worker, `/api/v1/cases/${id}/transitions`, { to: 'planning' }, { 'If-Match': `"${version}"` });
      assert.equal(skip.status, 409);
      assert.equal(skip.json.code, 'case.invalid_transition');
      for (const to of ['assessment', 'planning']) {
        const moved = await post(worker, `/api/v1/cases/${id}/transitions`, { to }, { 'If-Match': `"${version}"` });
        assert.equal(moved.status, 200, moved.text);
        version = moved.json.version;
      }
      const changed = await patch(worker, `/api/v1/cases/${id}`, { risk_level: 'critical' }, version);
      assert.equal(changed.status, 200, changed.text);
      version = changed.json.version;

      // Plan, referral, note.
      const goal = await post(worker, `/api/v1/cases/${id}/plan/goals`, { text: 'Goes to school' });
      assert.equal(goal.status, 201, goal.text);
      const action = await post(worker, `/api/v1/cases/${id}/plan/actions`, {
        goal_id: goal.json.id, text: 'Meet the teacher', agency: 'education', responsible_name: 'Teacher', deadline: today,
      });
      assert.equal(action.status, 201, action.text);
      const mine = await post(worker, `/api/v1/cases/${id}/plan/actions`, {
        goal_id: goal.json.id, text: 'Heating aid', agency: 'social_protection', responsible_user_id: worker.user.id, deadline: today,
      });
      assert.equal(mine.status, 201, mine.text);
      assert.equal((await patch(worker, `/api/v1/plan-actions/${mine.json.id}`, { status: 'done' }, mine.json.version)).status, 200);
      assert.equal((await get(worker, `/api/v1/cases/${id}/plan`)).status, 200);
      const referral = await post(worker, `/api/v1/cases/${id}/referrals`, { provider: 'Day centre', service: 'After school', referred_on: today });
      assert.equal(referral.status, 201, referral.text);
      const refused = await patch(worker, `/api/v1/referrals/${referral.json.id}`, { answer: 'refused', answered_on: today }, referral.json.version);
      assert.equal(refused.status, 400);
      const answered = await patch(worker, `/api/v1/referrals/${referral.json.id}`, { answer: 'waiting_list', answered_on: today }, referral.json.version);
      assert.equal(answered.status, 200, answered.text);
      assert.equal((await get(worker, `/api/v1/cases/${id}/referrals`)).json.items.length, 1);
      const note = await post(worker, `/api/v1/cases/${id}/notes`, { text: 'Secret', confidential: true });
      assert.equal(note.status, 201, note.text);
      const timeline = await get(worker, `/api/v1/cases/${id}/timeline`);
      assert.equal(timeline.status, 200);
      assert.ok(timeline.json.items.some((item) => item.kind === 'note'));
      assert.equal((await get(worker, `/api/v1/cases/${id}/timeline?kind=note`)).status, 200);
      assert.equal((await get(worker, `/api/v1/contacts?case_id=${id}`)).status, 200);
      assert.equal((await get(worker, '/api/v1/cases?worker=me&state=open')).json.items.length, 1);
      assert.equal((await get(worker, `/api/v1/cases?subject=${household.json.id}`)).status, 200);
      assert.equal((await get(worker, '/api/v1/today')).status, 200);

      // A colleague: the summary, and no content.
      const summary = await get(colleague, `/api/v1/cases/${id}`);
      assert.equal(summary.status, 200, summary.text);
      assert.equal(summary.json.content_visible, false);
      assert.equal(summary.json.category, undefined);
      for (const path of [`/api/v1/cases/${id}/timeline`, `/api/v1/cases/${id}/plan`, `/api/v1/cases/${id}/referrals`]) {
        const hidden = await get(colleague, path);
        assert.equal(hidden.status, 404, `${path}: ${hidden.text}`);
        assert.equal(hidden.json.code, 'case.not_found');
      }

      // Closing: the open action needs a reason, the worker's closure waits, the head approves.
      const current = await get(worker, `/api/v1/cases/${id}`);
      version = current.json.version;
      const noWhy = await post(worker, `/api/v1/cases/${id}/transitions`, { to: 'closed' }, { 'If-Match': `"${version}"` });
      assert.equal(noWhy.status, 409);
      assert.equal(noWhy.json.code, 'case.open_actions');
      const asked = await post(worker, `/api/v1/cases/${id}/transitions`, { to: 'closed', reason: 'Moved away' }, { 'If-Match': `"${version}"` });
      assert.equal(asked.status, 202, asked.text);
      assert.equal(asked.json.state, 'planning');
      assert.ok(asked.json.closure_request);
      const approvals = (await get(head, '/api/v1/today')).json.approvals;
      assert.deepEqual(approvals.map((c) => c.id), [id]);
      const approved = await post(head, `/api/v1/cases/${id}/closure-decision`, { approve: true }, { 'If-Match': `"${asked.json.version}"` });
      assert.equal(approved.status, 200, approved.text);
      assert.equal(approved.json.state, 'closed');
      const reassigned = await post(head, `/api/v1/cases/${id}/assignment`, { worker_id: colleague.user.id }, { 'If-Match': `"${approved.json.version}"` });
      assert.ok([200, 409].includes(reassigned.status), reassigned.text);

      // The community's settings.
      const settings = await get(head, `/api/v1/case-settings/${HOME}`);
      assert.equal(settings.status, 200, settings.text);
      const bad = await patch(head, `/api/v1/case-settings/${HOME}`, { number_prefix: 'ab-1' }, settings.json.version);
      assert.equal(bad.status, 400);
      assert.equal(bad.json.code, 'case.invalid_prefix');
      const saved = await patch(head, `/api/v1/case-settings/${HOME}`, { number_prefix: 'ALBA', team_visibility: true }, settings.json.version);
      assert.equal(saved.status, 200, saved.text);
      const next = await post(worker, '/api/v1/cases', { person_id: mother.json.id, category: 'poverty', risk_level: 'low', opening_reason: 'Debts' });
      assert.equal(next.status, 201, next.text);
      assert.match(next.json.number, /^ALBA-\d{4}-\d{6}$/);
    });
  });
}
