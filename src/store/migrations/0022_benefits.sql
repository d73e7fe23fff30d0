-- Benefits: programmes with their eligibility rules and budgets, applications with the income
-- declared, and decisions that commit money to the budget. docs/benefits-api.md.

CREATE TABLE programmes (
  id                    TEXT PRIMARY KEY,
  territory_id          TEXT NOT NULL REFERENCES territories(id),
  name                  TEXT NOT NULL,
  name_key              TEXT NOT NULL,   -- collation key of the name: lists order by it
  search_key            TEXT NOT NULL,   -- match key of the name: q looks in it
  kind                  TEXT NOT NULL,
  currency              TEXT NOT NULL,
  status                TEXT NOT NULL,   -- draft | open | closed
  amount_rule           TEXT NOT NULL,   -- fixed | per_member | top_up
  amount_minor          BIGINT NOT NULL,
  budget_period         TEXT NOT NULL,   -- month | year
  budget_minor          BIGINT NOT NULL, -- of each period without its own row below
  four_eyes_above_minor BIGINT,
  rules                 TEXT NOT NULL,   -- the rules as a JSON array
  documents             TEXT NOT NULL,   -- the documents checklist as a JSON array of names
  description           TEXT,
  version               BIGINT NOT NULL DEFAULT 1,
  created_at            TEXT NOT NULL,
  updated_at            TEXT NOT NULL,
  CHECK (amount_minor >= 0 AND budget_minor >= 0)
);
CREATE INDEX programmes_territory ON programmes(territory_id);
CREATE INDEX programmes_name ON programmes(name_key, id);

-- The budget of one period ('2026-10' or '2026'). A row is made when a period is first
-- given its own amount or first committed to; committing is one conditional UPDATE, which
-- both backends serialise on the row: never above the amount.
CREATE TABLE programme_budgets (
  programme_id     TEXT NOT NULL REFERENCES programmes(id),
  period           TEXT NOT NULL,
  amount_minor     BIGINT NOT NULL,
  committed_minor  BIGINT NOT NULL DEFAULT 0,
  own              INTEGER NOT NULL,     -- 1 when set for this period, 0 when the default
  PRIMARY KEY (programme_id, period),
  CHECK (committed_minor >= 0 AND committed_minor <= amount_minor)
);

CREATE TABLE benefit_applications (
  id                TEXT PRIMARY KEY,
  programme_id      TEXT NOT NULL REFERENCES programmes(id),
  household_id      TEXT NOT NULL REFERENCES households(id),
  community_id      TEXT NOT NULL REFERENCES territories(id),  -- the household's: the tenant
  applicant_id      TEXT NOT NULL REFERENCES persons(id),
  submitted_on      TEXT NOT NULL,
  period_from       TEXT NOT NULL,   -- YYYY-MM
  period_to         TEXT NOT NULL,
  resident_since    TEXT,
  incomes           TEXT NOT NULL,   -- JSON array [{person_id, kind, monthly_amount_minor}]
  monthly_income_minor BIGINT NOT NULL,
  documents         TEXT NOT NULL,   -- JSON array [{name, provided}]
  eligibility       TEXT NOT NULL,   -- JSON: the evaluation when recorded or last changed
  eligible          INTEGER NOT NULL,
  state             TEXT NOT NULL,   -- submitted | decided | withdrawn
  decision_id       TEXT,
  note              TEXT,
  withdraw_reason   TEXT,
  recorded_by       TEXT NOT NULL REFERENCES users(id),
  version           BIGINT NOT NULL DEFAULT 1,
  created_at        TEXT NOT NULL,
  updated_at        TEXT NOT NULL
);
CREATE INDEX benefit_applications_programme ON benefit_applications(programme_id, created_at, id);
CREATE INDEX benefit_applications_household ON benefit_applications(household_id, created_at, id);
CREATE INDEX benefit_applications_community ON benefit_applications(community_id, created_at, id);

-- The monthly income a household last declared: what eligibility checks and previews use.
CREATE TABLE household_incomes (
  household_id         TEXT PRIMARY KEY REFERENCES households(id),
  community_id         TEXT NOT NULL REFERENCES territories(id),
  monthly_income_minor BIGINT NOT NULL,
  resident_since       TEXT,
  declared_on          TEXT NOT NULL,
  application_id       TEXT NOT NULL REFERENCES benefit_applications(id)
);

CREATE TABLE benefit_decisions (
  id                 TEXT PRIMARY KEY,
  application_id     TEXT NOT NULL UNIQUE REFERENCES benefit_applications(id),
  programme_id       TEXT NOT NULL REFERENCES programmes(id),
  household_id       TEXT NOT NULL REFERENCES households(id),
  community_id       TEXT NOT NULL REFERENCES territories(id),
  outcome            TEXT NOT NULL,   -- approved | rejected
  state              TEXT NOT NULL,   -- awaiting_approval | active | suspended | ended | rejected
  amount_minor       BIGINT NOT NULL, -- per month (a one-off grant: its one month)
  period_from        TEXT NOT NULL,
  period_to          TEXT NOT NULL,   -- the last month paid; an end moves it earlier
  reason             TEXT,
  decided_by         TEXT NOT NULL REFERENCES users(id),
  decided_at         TEXT NOT NULL,
  second_approver    TEXT REFERENCES users(id),
  second_approved_at TEXT,
  ended_on_month     TEXT,
  version            BIGINT NOT NULL DEFAULT 1,
  created_at         TEXT NOT NULL,
  updated_at         TEXT NOT NULL,
  CHECK (amount_minor >= 0)
);
CREATE INDEX benefit_decisions_programme ON benefit_decisions(programme_id, created_at, id);
CREATE INDEX benefit_decisions_household ON benefit_decisions(household_id, programme_id);
CREATE INDEX benefit_decisions_community ON benefit_decisions(community_id, created_at, id);

-- One row per household and programme that has been decided on: deciding first takes this
-- row (INSERT ... ON CONFLICT DO UPDATE), so that two decisions for one household are made
-- one after the other and the second sees the first's period (no overlap, on both backends).
CREATE TABLE benefit_holders (
  programme_id  TEXT NOT NULL REFERENCES programmes(id),
  household_id  TEXT NOT NULL REFERENCES households(id),
  decisions     BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (programme_id, household_id)
);
