-- Cases, contacts, plans and referrals (src/cases). Every row of personal data carries
-- community_id, the community of the person or household it is about (the tenant).

-- A community's settings for its cases: the prefix of case numbers and whether every worker
-- of the community sees the content of its non-confidential cases. No row: the defaults.
CREATE TABLE case_settings (
  community_id    TEXT PRIMARY KEY REFERENCES territories(id),
  number_prefix   TEXT NOT NULL,
  team_visibility INTEGER NOT NULL DEFAULT 0,
  version         BIGINT NOT NULL DEFAULT 1,
  updated_at      TEXT NOT NULL
);

-- The last case number given per community and year: numbers are never reused.
CREATE TABLE case_counters (
  community_id TEXT NOT NULL REFERENCES territories(id),
  year         INTEGER NOT NULL,
  last_number  BIGINT NOT NULL,
  PRIMARY KEY (community_id, year)
);

CREATE TABLE cases (
  id                   TEXT PRIMARY KEY,
  community_id         TEXT NOT NULL REFERENCES territories(id),
  number               TEXT NOT NULL,
  person_id            TEXT REFERENCES persons(id),
  household_id         TEXT REFERENCES households(id),
  category             TEXT NOT NULL,
  risk_level           TEXT NOT NULL,
  state                TEXT NOT NULL,
  assigned_worker_id   TEXT NOT NULL REFERENCES users(id),
  opening_reason       TEXT NOT NULL,
  origin_kind          TEXT NOT NULL,
  origin_id            TEXT,
  confidential         INTEGER NOT NULL,
  child_case           INTEGER NOT NULL,
  closure_requested_by TEXT REFERENCES users(id),
  closure_requested_at TEXT,
  closure_reason       TEXT,
  -- A transfer to another community waits for that community's head of service.
  transfer_to_id       TEXT REFERENCES territories(id),
  transfer_requested_by TEXT REFERENCES users(id),
  transfer_requested_at TEXT,
  transfer_reason      TEXT,
  opened_at            TEXT NOT NULL,
  closed_at            TEXT,
  version              BIGINT NOT NULL DEFAULT 1,
  created_at           TEXT NOT NULL,
  updated_at           TEXT NOT NULL,
  created_by           TEXT,
  UNIQUE (community_id, number),
  CHECK ((person_id IS NULL) <> (household_id IS NULL))
);
CREATE INDEX cases_worker ON cases(assigned_worker_id, state);
CREATE INDEX cases_community ON cases(community_id, state);
CREATE INDEX cases_person ON cases(person_id);
CREATE INDEX cases_household ON cases(household_id);
CREATE INDEX cases_transfer ON cases(transfer_to_id);

-- The case file's timeline: state changes, notes, plan changes, referrals, contacts,
-- assignments. Append-only; `detail` is a JSON object.
CREATE TABLE case_events (
  id           TEXT PRIMARY KEY,
  case_id      TEXT NOT NULL REFERENCES cases(id),
  community_id TEXT NOT NULL REFERENCES territories(id),
  at           TEXT NOT NULL,
  actor_id     TEXT REFERENCES users(id),
  kind         TEXT NOT NULL,
  confidential INTEGER NOT NULL DEFAULT 0,
  detail       TEXT NOT NULL
);
CREATE INDEX case_events_case ON case_events(case_id, at, id);

CREATE TABLE contacts (
  id            TEXT PRIMARY KEY,
  community_id  TEXT NOT NULL REFERENCES territories(id),
  kind          TEXT NOT NULL,
  status        TEXT NOT NULL,
  contact_date  TEXT NOT NULL,          -- YYYY-MM-DD
  contact_time  TEXT,                   -- HH:MM
  person_id     TEXT REFERENCES persons(id),
  household_id  TEXT REFERENCES households(id),
  case_id       TEXT REFERENCES cases(id),
  reason        TEXT,
  action_taken  TEXT,
  outcome       TEXT,
  worker_id     TEXT NOT NULL REFERENCES users(id),
  present       TEXT,
  observations  TEXT,
  next_steps    TEXT,
  version       BIGINT NOT NULL DEFAULT 1,
  created_at    TEXT NOT NULL,
  updated_at    TEXT NOT NULL,
  created_by    TEXT,
  CHECK ((person_id IS NULL) <> (household_id IS NULL))
);
CREATE INDEX contacts_person ON contacts(person_id, contact_date);
CREATE INDEX contacts_household ON contacts(household_id, contact_date);
CREATE INDEX contacts_case ON contacts(case_id, contact_date);
CREATE INDEX contacts_worker ON contacts(worker_id, status, contact_date);
CREATE INDEX contacts_community ON contacts(community_id, contact_date);

CREATE TABLE plan_goals (
  id           TEXT PRIMARY KEY,
  case_id      TEXT NOT NULL REFERENCES cases(id),
  community_id TEXT NOT NULL REFERENCES territories(id),
  text         TEXT NOT NULL,
  version      BIGINT NOT NULL DEFAULT 1,
  created_at   TEXT NOT NULL,
  updated_at   TEXT NOT NULL
);
CREATE INDEX plan_goals_case ON plan_goals(case_id, created_at);

CREATE TABLE plan_actions (
  id                  TEXT PRIMARY KEY,
  goal_id             TEXT NOT NULL REFERENCES plan_goals(id),
  case_id             TEXT NOT NULL REFERENCES cases(id),
  community_id        TEXT NOT NULL REFERENCES territories(id),
  text                TEXT NOT NULL,
  agency              TEXT NOT NULL,
  responsible_user_id TEXT REFERENCES users(id),
  responsible_name    TEXT NOT NULL,
  responsible_contact TEXT,
  deadline            TEXT NOT NULL,    -- YYYY-MM-DD
  status              TEXT NOT NULL,
  version             BIGINT NOT NULL DEFAULT 1,
  created_at          TEXT NOT NULL,
  updated_at          TEXT NOT NULL
);
CREATE INDEX plan_actions_case ON plan_actions(case_id, status);
CREATE INDEX plan_actions_responsible ON plan_actions(responsible_user_id, status, deadline);

CREATE TABLE referrals (
  id            TEXT PRIMARY KEY,
  case_id       TEXT NOT NULL REFERENCES cases(id),
  community_id  TEXT NOT NULL REFERENCES territories(id),
  provider      TEXT NOT NULL,
  service       TEXT NOT NULL,
  contact       TEXT,
  referred_on   TEXT NOT NULL,          -- YYYY-MM-DD
  answer        TEXT NOT NULL,
  answer_reason TEXT,
  answered_on   TEXT,
  version       BIGINT NOT NULL DEFAULT 1,
  created_at    TEXT NOT NULL,
  updated_at    TEXT NOT NULL
);
CREATE INDEX referrals_case ON referrals(case_id, referred_on);
