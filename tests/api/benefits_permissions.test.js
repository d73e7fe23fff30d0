// Cross-territory permissions of the benefits endpoints (programmes, budgets, eligibility,
// preview, applications, decisions, payment lists, large-family cards): every role scoped to one community (RO:1017 Alba Iulia),
// an administrator over its region (RO:10) and the installation-wide first administrator try
// every endpoint on records inside their community and in another country's community
// (UA:UA01020010000048857); programmes are also read at the region above the community.
// Expected statuses come from the permission table of docs/benefits-api.md: programme.manage
// (administrator), benefit.read (benefits officer, head of service, social worker,
// administrator), benefit.work (benefits officer, head of service). Without the permission a
// route needs, 403 auth.forbidden; a programme, application or decision outside the caller's
// scope does not exist for them (404, never in a list), nor does a card (404 card.not_found); an application or decision seen but
// not the caller's to work on cannot be changed (403). Refused requests leave no audit entry
// on the records outside.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { ADMIN_PASSWORD, backends, createDatabase, startServer } from './lib/server.js';
import { Actor } from './lib/client.js';
import { missingRoutes } from './lib/scenario.js';

const HOME = 'RO:1017'; // Municipiul Alba Iulia
const HOME_REGION = 'RO:10'; // Județul Alba
const ELSEWHERE = 'UA:UA01020010000048857'; // Андріївська hromada
const PASSWORD = 'Benefits-Password-1';

// docs/benefits-api.md, "Visibility and permissions".
const PERMISSIONS = {
  administrator: ['programme.manage', 'benefit.read'],
  head_of_service: ['benefit.read', 'benefit.work'],
  social_worker: ['benefit.read'],
  benefits_officer: ['benefit.read', 'benefit.work'],
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
const usernameOf = (caller) => (caller.wide ? 'admin' : `bn.${caller.key.replace(/_/g, '-')}`);

// Where the targets live; `region` only for programmes (a fund of the region is seen from the
// community below it).
const PLACES = { inside: HOME, outside: ELSEWHERE, region: HOME_REGION };
const CURRENCY = { inside: 'RON', outside: 'UAH', region: 'RON' };
const HELPER = { inside: 'bn.helper.inside', outside: 'bn.helper.outside' };

const ROUTES = [
  'GET /api/v1/programmes', 'POST /api/v1/programmes', 'GET /api/v1/programmes/{id}', 'PATCH /api/v1/programmes/{id}',
  'GET /api/v1/programmes/{id}/budgets', 'GET /api/v1/programmes/{id}/eligibility', 'GET /api/v1/programmes/{id}/preview',
  'GET /api/v1/applications', 'POST /api/v1/applications', 'GET /api/v1/applications/{id}', 'PATCH /api/v1/applications/{id}',
  'POST /api/v1/applications/{id}/withdraw', 'POST /api/v1/applications/{id}/decision',
  'GET /api/v1/decisions', 'GET /api/v1/decisions/{id}', 'POST /api/v1/decisions/{id}/transitions',
  'GET /api/v1/payment-lists', 'POST /api/v1/payment-lists', 'GET /api/v1/payment-lists/{id}',
  'GET /api/v1/payment-lists/{id}/lines', 'GET /api/v1/payment-lists/{id}/export',
  'POST /api/v1/payment-lists/{id}/confirmation', 'GET /api/v1/payments',
  'GET /api/v1/cards', 'POST /api/v1/cards', 'GET /api/v1/cards/{id}', 'POST /api/v1/cards/{id}/revoke',
  'GET /api/v1/cards/{id}/pdf',
];
const skip = missingRoutes({ requires_routes: ROUTES }) ?? false;

// The acceptable answers, each [status, problem code or undefined], for `caller` doing `op` on
// a target `where`.
function expected(op, caller, where) {
  const perms = new Set(PERMISSIONS[caller.role]);
  const read = perms.has('benefit.read');
  const manage = perms.has('programme.manage');
  const work = perms.has('benefit.work');
  const forbidden = [[403, 'auth.forbidden']];
  const visible = caller.wide || where !== 'outside';
  // Working on a record of a community needs benefit.work (403 without it, as for any route
  // whose permission the caller lacks); a record outside the caller's scope is 404.
  const worked = (ok, notFound) => {
    if (!work) return forbidden;
    return visible ? [[ok]] : [[404, notFound]];
  };
  switch (op) {
    case 'programme.list':
      return read || manage ? [[200]] : forbidden;
    case 'programme.get':
    case 'programme.budgets':
    case 'programme.preview':
      if (!(read || manage)) return forbidden;
      return visible ? [[200]] : [[404, 'programme.not_found']];
    case 'programme.eligibility':
      if (!read) return forbidden;
      return visible ? [[200]] : [[404, 'programme.not_found'], [404, 'household.not_found']];
    case 'programme.create':
      if (!manage) return forbidden;
      return visible ? [[201]] : [[404, 'territory.not_found'], [403, 'auth.forbidden']];
    case 'programme.patch':
    case 'programme.budget_put':
      if (!manage) return forbidden;
      return visible ? [[200]] : [[404, 'programme.not_found']];
    case 'application.create':
      if (!work) return forbidden;
      return visible ? [[201]] : [[404, 'programme.not_found'], [404, 'household.not_found']];
    case 'application.list':
    case 'decision.list':
      return read ? [[200]] : forbidden;
    case 'application.get':
      if (!read) return forbidden;
      return visible ? [[200]] : [[404, 'application.not_found']];
    case 'decision.get':
      if (!read) return forbidden;
      return visible ? [[200]] : [[404, 'decision.not_found']];
    case 'application.patch':
    case 'application.withdraw':
      return worked(200, 'application.not_found');
    case 'decision.create':
      return worked(201, 'application.not_found');
    case 'decision.transition':
    case 'decision.second_approval':
      return worked(200, 'decision.not_found');
    case 'payment.create':
      if (!work) return forbidden;
      return visible ? [[201]] : [[404, 'programme.not_found']];
    case 'payment.list':
    case 'payment.household':
      return read ? [[200]] : forbidden;
    case 'payment.get':
    case 'payment.lines':
      if (!read) return forbidden;
      return visible ? [[200]] : [[404, 'payment_list.not_found']];
    case 'payment.export':
    case 'payment.confirm':
      return worked(200, 'payment_list.not_found');
    case 'card.list':
      return read ? [[200]] : forbidden;
    case 'card.get':
    case 'card.pdf':
      if (!read) return forbidden;
      return visible ? [[200]] : [[404, 'card.not_found']];
    case 'card.issue':
      return worked(201, 'decision.not_found');
    case 'card.revoke':
      return worked(200, 'card.not_found');
    default:
      throw new Error(op);
  }
}

for (const backend of backends()) {
  describe(`benefits permissions on ${backend.name}`, { skip }, () => {
    let db;
    let server;
    let admin;
    const programmes = {}; // where → programme (inside, outside, region)
    const heads = {}; // where → person, head of households[where]
    const households = {}; // where → household
    const applications = {}; // where → a submitted application
    const decisions = {}; // where → an active decision
    const paymentLists = {}; // where → the list paying decisions[where]'s month
    const helpers = {}; // where → Actor, a benefits officer of the place
    const cardProgrammes = {}; // where → a large_family_card programme (inside, outside)
    const cards = {}; // where → a card issued by the place's officer
    const actors = {}; // caller key → Actor

    const post = async (actor, path, json, headers = {}) => {
      const res = await actor.request({ method: 'POST', path, json, headers });
      assert.equal(res.status, 201, `${actor.name}: POST ${path} ${JSON.stringify(json)}: ${res.text}`);
      return res.json;
    };
    const createUser = async (username, home, grants) =>
      post(admin, '/api/v1/users', {
        username,
        display_name: `Benefits ${username}`,
        home_territory_code: home,
        roles: grants.map(([role, territory_code]) => ({ role, territory_code })),
        password: PASSWORD,
      });

    // Every fresh application asks for months of its own, so that no two approvals of one
    // household overlap.
    let nextMonth = 0;
    const month = (n) => {
      const m = 2027 * 12 + n;
      return `${Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}`;
    };
    // Payment lists are made for past months (or this one and the next): the decisions they
    // pay take months of their own from 1995 on. Each decision is a year and a month after the
    // one before, so that no two of the household's add up against the four-eyes threshold
    // (it weighs the twelve months before a decision).
    let nextPastMonth = 0;
    const pastMonth = () => {
      const m = 1995 * 12 + nextPastMonth;
      nextPastMonth += 13;
      return `${Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}`;
    };
    const freshApplication = async (where, months = 1, at = null) => {
      const from = nextMonth;
      if (!at) nextMonth += months + 12;
      return post(helpers[where], '/api/v1/applications', {
        programme_id: programmes[where].id,
        household_id: households[where].id,
        applicant_id: heads[where].id,
        period_from: at ?? month(from),
        period_to: at ?? month(from + months - 1),
        incomes: [{ person_id: heads[where].id, kind: 'pension', monthly_amount_minor: 120000 }],
      });
    };
    // An approved decision of `where`: active for one month, awaiting a second approval for two
    // (the threshold is 15,000 minor units, the amount 10,000 a month).
    const freshDecision = async (where, months = 1, at = null) => {
      const application = await freshApplication(where, months, at);
      const decision = await post(helpers[where], `/api/v1/applications/${application.id}/decision`, { outcome: 'approved' }, { 'If-Match': '"1"' });
      assert.equal(decision.state, months === 1 ? 'active' : 'awaiting_approval', JSON.stringify(decision));
      return decision;
    };

    // A new household of `where` (a card is one per household) with an active decision of the
    // place's card programme.
    let nextFamily = 0;
    const householdCount = { inside: 1, outside: 1 }; // the place's household and the card families
    const familyName = (n) => `Card${[...String(n)].map((d) => 'abcdefghij'[Number(d)]).join('')}`;
    const freshCardDecision = async (where) => {
      const family = familyName(nextFamily++);
      // A birth year of its own, so that the registry sees no possible duplicate.
      const born = `${1930 + nextFamily}-0${1 + (nextFamily % 9)}-1${nextFamily % 10}`;
      const head = await post(admin, '/api/v1/persons', { given_name: 'Ana', family_name: family, birth_date: born, community_code: PLACES[where] });
      const household = await post(admin, '/api/v1/households', { community_code: PLACES[where], members: [{ person_id: head.id, relationship_to_head: 'head' }] });
      householdCount[where] += 1;
      const application = await post(helpers[where], '/api/v1/applications', {
        programme_id: cardProgrammes[where].id, household_id: household.id, applicant_id: head.id, period_from: '2027-01', incomes: [],
      });
      const decision = await post(helpers[where], `/api/v1/applications/${application.id}/decision`, { outcome: 'approved' }, { 'If-Match': '"1"' });
      assert.equal(decision.state, 'active', JSON.stringify(decision));
      return decision;
    };
    const freshCard = async (where) => post(helpers[where], '/api/v1/cards', { decision_id: (await freshCardDecision(where)).id });

    before(async () => {
      db = createDatabase(backend);
      server = await startServer({ db });
      admin = new Actor(server.url, 'admin');
      await admin.login('admin', ADMIN_PASSWORD);
      for (const where of Object.keys(PLACES)) {
        programmes[where] = await post(admin, '/api/v1/programmes', {
          territory_code: PLACES[where],
          name: `Programme ${where}`,
          kind: 'monthly_aid',
          currency: CURRENCY[where],
          amount: { rule: 'fixed', amount_minor: 10000 },
          budget_minor: 10_000_000_000,
          four_eyes_above_minor: 15000,
          status: 'open',
        });
      }
      const names = { inside: ['Ilie', 'Lazăr'], outside: ['Петро', 'Коваль'] };
      for (const where of ['inside', 'outside']) {
        heads[where] = await post(admin, '/api/v1/persons', { given_name: names[where][0], family_name: names[where][1], birth_date: '1970-04-04', community_code: PLACES[where] });
        households[where] = await post(admin, '/api/v1/households', { community_code: PLACES[where], members: [{ person_id: heads[where].id, relationship_to_head: 'head' }] });
        await createUser(HELPER[where], PLACES[where], [['benefits_officer', PLACES[where]]]);
        helpers[where] = new Actor(server.url, HELPER[where]);
        await helpers[where].login(HELPER[where], PASSWORD);
        applications[where] = await freshApplication(where);
        decisions[where] = await freshDecision(where);
        cardProgrammes[where] = await post(admin, '/api/v1/programmes', {
          territory_code: PLACES[where], name: `Card ${where}`, kind: 'large_family_card', currency: CURRENCY[where],
          amount: { rule: 'fixed', amount_minor: 1 }, budget_minor: 10_000_000_000, status: 'open',
        });
        cards[where] = await freshCard(where);
        const paid = await freshDecision(where, 1, pastMonth());
        paymentLists[where] = await post(helpers[where], '/api/v1/payment-lists', { programme_id: programmes[where].id, period: paid.period_from });
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

    // The version of a record, read by the first administrator just before a change.
    const currentVersion = async (path) => {
      const res = await admin.request({ path });
      assert.equal(res.status, 200, `reading ${path}: ${res.text}`);
      return res.json.version;
    };
    const ids = (res) => new Set(res.json.items.map((r) => r.id));
    const both = ['inside', 'outside'];

    // Each op: the places it is tried on, the request, and (optional) checks of a success that
    // return a list of problems.
    const ops = {
      'programme.list': {
        send: (a) => a.request({ path: '/api/v1/programmes?limit=200' }),
        check: (res, caller) => {
          const problems = [];
          const got = ids(res);
          for (const where of Object.keys(PLACES)) {
            const sees = caller.wide || where !== 'outside';
            if (got.has(programmes[where].id) !== sees) problems.push(`${where} programme ${got.has(programmes[where].id) ? 'leaked' : 'missing'}`);
          }
          if (!caller.wide) {
            const others = res.json.items.filter((p) => !p.territory_code.startsWith('RO:'));
            if (others.length) problems.push(`shows programmes of ${others.map((p) => p.territory_code).join(', ')}`);
          }
          return problems;
        },
      },
      'programme.get': {
        places: ['inside', 'outside', 'region'],
        send: (a, where) => a.request({ path: `/api/v1/programmes/${programmes[where].id}` }),
        check: (res, caller, where) => (res.json.id === programmes[where].id ? [] : ['another programme']),
      },
      'programme.create': {
        places: both,
        send: (a, where, key) =>
          a.request({
            method: 'POST',
            path: '/api/v1/programmes',
            json: { territory_code: PLACES[where], name: `New ${key}`, kind: 'other', currency: CURRENCY[where], amount: { rule: 'fixed', amount_minor: 100 }, budget_minor: 1000 },
          }),
      },
      'programme.patch': {
        places: both,
        send: async (a, where, key) => {
          const path = `/api/v1/programmes/${programmes[where].id}`;
          return a.request({ method: 'PATCH', path, headers: { 'If-Match': `"${await currentVersion(path)}"` }, json: { description: `Changed by ${key}` } });
        },
        check: (res, caller) => (res.json.description === `Changed by ${caller.key}` ? [] : [`description ${res.json.description}`]),
      },
      'programme.budgets': {
        places: both,
        send: (a, where) => a.request({ path: `/api/v1/programmes/${programmes[where].id}/budgets?from=2027-01&to=2027-03` }),
        check: (res) => (res.json.items.length === 3 ? [] : [`${res.json.items.length} periods`]),
      },
      'programme.budget_put': {
        places: both,
        send: (a, where) => a.request({ method: 'PUT', path: `/api/v1/programmes/${programmes[where].id}/budgets/2031-12`, json: { amount_minor: 20_000_000_000 } }),
        check: (res) => (res.json.own === true && res.json.amount_minor === 20_000_000_000 ? [] : [JSON.stringify(res.json)]),
      },
      'programme.eligibility': {
        places: both,
        send: (a, where) => a.request({ path: `/api/v1/programmes/${programmes[where].id}/eligibility?household_id=${households[where].id}&month=2031-06` }),
        check: (res, caller, where) => (res.json.household_id === households[where].id && res.json.eligible === true ? [] : [JSON.stringify(res.json).slice(0, 200)]),
      },
      'programme.preview': {
        places: both,
        send: (a, where) => a.request({ path: `/api/v1/programmes/${programmes[where].id}/preview?month=2031-06` }),
        // Counts only over the caller's scope: the households of the place, for those who see it.
        check: (res, caller, where) => (res.json.households === householdCount[where] ? [] : [`${res.json.households} households, not ${householdCount[where]}`]),
      },
      'application.create': {
        places: both,
        send: (a, where) =>
          a.request({
            method: 'POST',
            path: '/api/v1/applications',
            json: { programme_id: programmes[where].id, household_id: households[where].id, applicant_id: heads[where].id, period_from: '2031-01', incomes: [] },
          }),
        check: (res, caller) => (res.json.recorded_by.id === actors[caller.key].user.id ? [] : ['recorded by someone else']),
      },
      'application.list': {
        send: (a) => a.request({ path: '/api/v1/applications?limit=200' }),
        check: (res, caller) => {
          const problems = [];
          const got = ids(res);
          for (const where of both) {
            const sees = caller.wide || where === 'inside';
            if (got.has(applications[where].id) !== sees) problems.push(`${where} application ${got.has(applications[where].id) ? 'leaked' : 'missing'}`);
          }
          if (!caller.wide) {
            const others = res.json.items.filter((r) => r.community_code !== HOME);
            if (others.length) problems.push(`shows applications of ${others.map((r) => r.community_code).join(', ')}`);
          }
          return problems;
        },
      },
      'application.get': {
        places: both,
        send: (a, where) => a.request({ path: `/api/v1/applications/${applications[where].id}` }),
        check: (res, caller, where) => (res.json.id === applications[where].id ? [] : ['another application']),
      },
      'application.patch': {
        places: both,
        send: async (a, where, key) => {
          const path = `/api/v1/applications/${applications[where].id}`;
          return a.request({ method: 'PATCH', path, headers: { 'If-Match': `"${await currentVersion(path)}"` }, json: { note: `Changed by ${key}` } });
        },
        check: (res, caller) => (res.json.note === `Changed by ${caller.key}` ? [] : [`note ${res.json.note}`]),
      },
      'application.withdraw': {
        // A fresh (submitted, version 1) application for each try.
        places: both,
        send: async (a, where, key) => {
          const application = await freshApplication(where);
          return a.request({ method: 'POST', path: `/api/v1/applications/${application.id}/withdraw`, headers: { 'If-Match': '"1"' }, json: { reason: `Withdrawn by ${key}` } });
        },
        check: (res) => (res.json.state === 'withdrawn' ? [] : [`state ${res.json.state}`]),
      },
      'decision.create': {
        places: both,
        send: async (a, where) => {
          const application = await freshApplication(where);
          return a.request({ method: 'POST', path: `/api/v1/applications/${application.id}/decision`, headers: { 'If-Match': '"1"' }, json: { outcome: 'approved' } });
        },
        check: (res, caller) => (res.json.state === 'active' && res.json.decided_by.id === actors[caller.key].user.id ? [] : [`state ${res.json.state}`]),
      },
      'decision.list': {
        send: (a) => a.request({ path: '/api/v1/decisions?limit=200' }),
        check: (res, caller) => {
          const problems = [];
          const got = ids(res);
          for (const where of both) {
            const sees = caller.wide || where === 'inside';
            if (got.has(decisions[where].id) !== sees) problems.push(`${where} decision ${got.has(decisions[where].id) ? 'leaked' : 'missing'}`);
          }
          if (!caller.wide) {
            const others = res.json.items.filter((r) => r.community_code !== HOME);
            if (others.length) problems.push(`shows decisions of ${others.map((r) => r.community_code).join(', ')}`);
          }
          return problems;
        },
      },
      'decision.get': {
        places: both,
        send: (a, where) => a.request({ path: `/api/v1/decisions/${decisions[where].id}` }),
        check: (res, caller, where) => (res.json.id === decisions[where].id ? [] : ['another decision']),
      },
      'decision.transition': {
        // A fresh (active, version 1) decision for each try, so each outcome is its own.
        places: both,
        send: async (a, where, key) => {
          const d = await freshDecision(where);
          return a.request({ method: 'POST', path: `/api/v1/decisions/${d.id}/transitions`, headers: { 'If-Match': '"1"' }, json: { to: 'suspended', reason: `Suspended by ${key}` } });
        },
        check: (res) => (res.json.state === 'suspended' && res.json.version === 2 ? [] : [`state ${res.json.state} v${res.json.version}`]),
      },
      'decision.second_approval': {
        // A fresh decision above the threshold, taken by the place's helper, approved again by the caller.
        places: both,
        send: async (a, where) => {
          const d = await freshDecision(where, 2);
          return a.request({ method: 'POST', path: `/api/v1/decisions/${d.id}/transitions`, headers: { 'If-Match': '"1"' }, json: { to: 'active' } });
        },
        check: (res, caller) => (res.json.state === 'active' && res.json.second_approver?.id === actors[caller.key].user.id ? [] : [`state ${res.json.state}`]),
      },
      'payment.create': {
        // A fresh decision pays a month of its own: the caller lists it.
        places: both,
        send: async (a, where) => {
          const d = await freshDecision(where, 1, pastMonth());
          return a.request({ method: 'POST', path: '/api/v1/payment-lists', json: { programme_id: programmes[where].id, period: d.period_from } });
        },
        check: (res) => (res.json.totals.lines === 1 ? [] : [`${res.json.totals.lines} lines`]),
      },
      'payment.list': {
        send: (a) => a.request({ path: '/api/v1/payment-lists?limit=200' }),
        check: (res, caller) => {
          const problems = [];
          const got = ids(res);
          for (const where of both) {
            const sees = caller.wide || where === 'inside';
            if (got.has(paymentLists[where].id) !== sees) problems.push(`${where} list ${got.has(paymentLists[where].id) ? 'leaked' : 'missing'}`);
          }
          return problems;
        },
      },
      'payment.get': {
        places: both,
        send: (a, where) => a.request({ path: `/api/v1/payment-lists/${paymentLists[where].id}` }),
        check: (res, caller, where) => (res.json.id === paymentLists[where].id ? [] : ['another list']),
      },
      'payment.lines': {
        places: both,
        send: (a, where) => a.request({ path: `/api/v1/payment-lists/${paymentLists[where].id}/lines` }),
        check: (res, caller, where) => (res.json.items.length === 1 && res.json.items[0].household_id === households[where].id ? [] : [`${res.json.items.length} lines`]),
      },
      'payment.export': {
        places: both,
        send: (a, where) => a.request({ path: `/api/v1/payment-lists/${paymentLists[where].id}/export?format=csv` }),
      },
      'payment.confirm': {
        // Confirming the same answer again changes nothing, whoever may do it.
        places: both,
        send: async (a, where) => {
          const lines = await admin.request({ path: `/api/v1/payment-lists/${paymentLists[where].id}/lines` });
          const csv = `reference,amount,status\n${lines.json.items[0].reference},100.00,paid\n`;
          return a.request({ method: 'POST', path: `/api/v1/payment-lists/${paymentLists[where].id}/confirmation`, body: csv, headers: { 'Content-Type': 'text/csv' } });
        },
        check: (res) => (res.json.paid + res.json.unchanged === 1 ? [] : [JSON.stringify(res.json)]),
      },
      'payment.household': {
        places: both,
        send: (a, where) => a.request({ path: `/api/v1/payments?household_id=${households[where].id}` }),
        check: (res, caller, where) => {
          const sees = caller.wide || where === 'inside';
          return (res.json.items.length > 0) === sees ? [] : [`${res.json.items.length} payments`];
        },
      },
      'card.list': {
        send: (a) => a.request({ path: '/api/v1/cards?limit=200' }),
        check: (res, caller) => {
          const problems = [];
          const got = ids(res);
          for (const where of both) {
            const sees = caller.wide || where === 'inside';
            if (got.has(cards[where].id) !== sees) problems.push(`${where} card ${got.has(cards[where].id) ? 'leaked' : 'missing'}`);
          }
          if (!caller.wide) {
            const others = res.json.items.filter((r) => r.community_code !== HOME);
            if (others.length) problems.push(`shows cards of ${others.map((r) => r.community_code).join(', ')}`);
          }
          return problems;
        },
      },
      'card.get': {
        places: both,
        send: (a, where) => a.request({ path: `/api/v1/cards/${cards[where].id}` }),
        check: (res, caller, where) => (res.json.id === cards[where].id ? [] : ['another card']),
      },
      'card.pdf': {
        places: both,
        send: (a, where) => a.request({ path: `/api/v1/cards/${cards[where].id}/pdf` }),
        check: (res) => (res.headers['content-type'] === 'application/pdf' ? [] : [`content type ${res.headers['content-type']}`]),
      },
      'card.issue': {
        // A fresh household and active decision for each try.
        places: both,
        send: async (a, where) => a.request({ method: 'POST', path: '/api/v1/cards', json: { decision_id: (await freshCardDecision(where)).id } }),
        check: (res, caller) => (res.json.state === 'active' && res.json.issued_by.id === actors[caller.key].user.id ? [] : [`state ${res.json.state}`]),
      },
      'card.revoke': {
        // A fresh (active, version 1) card for each try.
        places: both,
        send: async (a, where, key) => {
          const card = await freshCard(where);
          return a.request({ method: 'POST', path: `/api/v1/cards/${card.id}/revoke`, headers: { 'If-Match': '"1"' }, json: { reason: `Revoked by ${key}` } });
        },
        check: (res, caller) => (res.json.state === 'revoked' && res.json.revoked_by?.id === actors[caller.key].user.id ? [] : [`state ${res.json.state}`]),
      },
    };

    for (const caller of CALLERS) {
      it(`${caller.key} (${caller.role} over ${caller.scope ?? 'the installation'})`, async () => {
        const actor = actors[caller.key];
        const mismatches = [];
        for (const [op, { places, send, check }] of Object.entries(ops)) {
          for (const where of places ?? ['inside']) {
            const label = places ? `${op} ${where}` : op;
            const answers = expected(op, caller, where);
            const res = await send(actor, where, caller.key);
            const ok = answers.find(([status, code]) => res.status === status && (!code || res.json?.code === code));
            if (!ok) {
              const want = answers.map(([status, code]) => `${status}${code ? ` ${code}` : ''}`).join(' or ');
              mismatches.push(`${label}: expected ${want}, got ${res.status} ${res.json?.code ?? ''} ${res.status < 300 ? '' : res.json?.detail ?? ''}`);
              continue;
            }
            if (res.status < 300 && check) mismatches.push(...check(res, caller, where).map((p) => `${label}: ${p}`));
          }
        }
        assert.deepEqual(mismatches, [], `${caller.key}:\n  ${mismatches.join('\n  ')}`);
      });
    }

    // Every audit entry of one action, all pages.
    const auditOf = async (action) => {
      const entries = [];
      let cursor = null;
      do {
        const res = await admin.request({ path: `/api/v1/audit?action=${action}&limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}` });
        assert.equal(res.status, 200, res.text);
        entries.push(...res.json.items);
        cursor = res.json.next_cursor;
      } while (cursor);
      return entries;
    };

    it('refused requests changed nothing and left no audit entry outside the callers\' scope', async () => {
      const seen = [];
      for (const action of ['programme.create', 'programme.update', 'programme.budget_update', 'programme.preview', 'benefit.eligibility_check',
        'application.create', 'application.read', 'application.update', 'application.withdraw', 'decision.create', 'decision.state_change',
        'payment_list.create', 'payment_list.read', 'payment_list.export', 'payment_list.confirm',
        'card.issue', 'card.revoke', 'card.print']) {
        for (const e of await auditOf(action)) {
          if (e.territory_code !== ELSEWHERE) continue;
          // Outside, only the first administrator and the place's own officer act.
          assert.ok(['admin', HELPER.outside].includes(e.actor_username), `${action} on ${e.entity_type} ${e.entity_id} in ${ELSEWHERE} by ${e.actor_username}`);
          seen.push(`${action} ${e.actor_username}`);
        }
      }
      // A control: the first administrator's own changes outside are there.
      for (const action of ['programme.create', 'programme.update', 'programme.budget_update']) {
        assert.ok(seen.includes(`${action} admin`), `no ${action} by admin in ${ELSEWHERE}: ${seen.join(', ')}`);
      }
      // The first administrator changed the programme outside last.
      const programme = await admin.request({ path: `/api/v1/programmes/${programmes.outside.id}` });
      assert.equal(programme.json.description, 'Changed by admin', programme.text);
      assert.equal(programme.json.version, 2, programme.text);
      // Nobody changed the application outside: the first administrator has no benefit.work.
      const application = await admin.request({ path: `/api/v1/applications/${applications.outside.id}` });
      assert.equal(application.json.state, 'submitted', application.text);
      assert.equal(application.json.version, 1, application.text);
      assert.equal(application.json.note, null, application.text);
      // Nobody revoked the card outside.
      const card = await admin.request({ path: `/api/v1/cards/${cards.outside.id}` });
      assert.equal(card.json.state, 'active', card.text);
      assert.equal(card.json.version, 1, card.text);
      const decision = await admin.request({ path: `/api/v1/decisions/${decisions.outside.id}` });
      assert.equal(decision.json.state, 'active', decision.text);
      assert.equal(decision.json.version, 1, decision.text);
      // Only the first administrator added a programme in ELSEWHERE.
      const list = await admin.request({ path: `/api/v1/programmes?territory=${encodeURIComponent(ELSEWHERE)}&limit=200` });
      assert.equal(list.status, 200, list.text);
      assert.deepEqual(list.json.items.map((p) => p.name).sort(), ['Card outside', 'New admin', 'Programme outside']);
    });

    it('a programme of the region is seen from the community, but changed only by who manages the region', async () => {
      const path = `/api/v1/programmes/${programmes.region.id}`;
      for (const key of ['benefits_officer', 'social_worker', 'head_of_service', 'administrator']) {
        const res = await actors[key].request({ path });
        assert.equal(res.status, 200, `${key} sees the region's programme: ${res.text}`);
      }
      const refused = await actors.administrator.request({ method: 'PATCH', path, headers: { 'If-Match': `"${await currentVersion(path)}"` }, json: { description: 'Changed by the community' } });
      assert.deepEqual([refused.status, refused.json?.code], [403, 'auth.forbidden'], refused.text);
      const budget = await actors.administrator.request({ method: 'PUT', path: `${path}/budgets/2031-01`, json: { amount_minor: 1 } });
      assert.deepEqual([budget.status, budget.json?.code], [403, 'auth.forbidden'], budget.text);
      const changed = await actors.region_admin.request({ method: 'PATCH', path, headers: { 'If-Match': `"${await currentVersion(path)}"` }, json: { description: 'Changed by the region' } });
      assert.equal(changed.status, 200, changed.text);
      // The community's officer records an application of the community's household to the region's programme.
      const res = await actors.benefits_officer.request({
        method: 'POST',
        path: '/api/v1/applications',
        json: { programme_id: programmes.region.id, household_id: households.inside.id, applicant_id: heads.inside.id, period_from: '2031-02', incomes: [] },
      });
      assert.equal(res.status, 201, res.text);
    });
  });
}
