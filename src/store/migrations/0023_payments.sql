-- Payment lists: for a programme and a month, one line per household paid, from the active
-- decisions; the bank's confirmation marks lines paid or returned. docs/benefits-api.md.

CREATE TABLE payment_lists (
  id            TEXT PRIMARY KEY,
  programme_id  TEXT NOT NULL REFERENCES programmes(id),
  territory_id  TEXT NOT NULL REFERENCES territories(id),
  period        TEXT NOT NULL,           -- YYYY-MM
  number        TEXT NOT NULL UNIQUE,    -- printed on the treasury's copy
  lines         INTEGER NOT NULL,
  total_minor   BIGINT NOT NULL,
  created_by    TEXT NOT NULL REFERENCES users(id),
  confirmed_at  TEXT,                    -- when a bank confirmation was last applied
  version       BIGINT NOT NULL DEFAULT 1,
  created_at    TEXT NOT NULL,
  updated_at    TEXT NOT NULL
);
CREATE INDEX payment_lists_programme ON payment_lists(programme_id, period, id);

CREATE TABLE payment_lines (
  id            TEXT PRIMARY KEY,
  list_id       TEXT NOT NULL REFERENCES payment_lists(id),
  programme_id  TEXT NOT NULL REFERENCES programmes(id),
  period        TEXT NOT NULL,
  household_id  TEXT NOT NULL REFERENCES households(id),
  community_id  TEXT NOT NULL REFERENCES territories(id),
  decision_id   TEXT NOT NULL REFERENCES benefit_decisions(id),
  payee_id      TEXT NOT NULL REFERENCES persons(id),  -- the applicant
  reference     TEXT NOT NULL UNIQUE,    -- what the bank file names the line by
  amount_minor  BIGINT NOT NULL,
  state         TEXT NOT NULL,           -- pending | paid | returned
  settled_on    TEXT,
  bank_note     TEXT,
  CHECK (amount_minor > 0)
);
-- Never paid twice for one programme and month, whatever the lists.
CREATE UNIQUE INDEX payment_lines_once ON payment_lines(programme_id, household_id, period);
CREATE INDEX payment_lines_list ON payment_lines(list_id, reference);
CREATE INDEX payment_lines_household ON payment_lines(household_id, period);
