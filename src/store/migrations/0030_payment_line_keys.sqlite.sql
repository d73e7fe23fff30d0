-- A payment line copies its decision's programme, household and community. One key to the
-- decision over all four now says that they exist and that they agree, where four keys checked
-- each alone. SQLite changes a table's keys by building it again.
CREATE UNIQUE INDEX benefit_decisions_line_key
  ON benefit_decisions(id, programme_id, household_id, community_id);

CREATE TABLE payment_lines_next (
  id            TEXT PRIMARY KEY,
  list_id       TEXT NOT NULL REFERENCES payment_lists(id),
  programme_id  TEXT NOT NULL,
  period        TEXT NOT NULL,
  household_id  TEXT NOT NULL,
  community_id  TEXT NOT NULL,
  decision_id   TEXT NOT NULL,
  payee_id      TEXT NOT NULL REFERENCES persons(id),  -- the applicant
  reference     TEXT NOT NULL UNIQUE,    -- what the bank file names the line by
  amount_minor  BIGINT NOT NULL,
  state         TEXT NOT NULL,           -- pending | paid | returned
  settled_on    TEXT,
  bank_note     TEXT,
  CHECK (amount_minor > 0),
  FOREIGN KEY (decision_id, programme_id, household_id, community_id)
    REFERENCES benefit_decisions(id, programme_id, household_id, community_id)
);
INSERT INTO payment_lines_next (id, list_id, programme_id, period, household_id, community_id,
                                decision_id, payee_id, reference, amount_minor, state,
                                settled_on, bank_note)
  SELECT id, list_id, programme_id, period, household_id, community_id, decision_id, payee_id,
         reference, amount_minor, state, settled_on, bank_note
  FROM payment_lines;
DROP TABLE payment_lines;
ALTER TABLE payment_lines_next RENAME TO payment_lines;

-- Never paid twice for one programme and month, whatever the lists.
CREATE UNIQUE INDEX payment_lines_once ON payment_lines(programme_id, household_id, period);
CREATE INDEX payment_lines_list ON payment_lines(list_id, reference);
CREATE INDEX payment_lines_household ON payment_lines(household_id, period);
CREATE INDEX payment_lines_month ON payment_lines(community_id, period, state, programme_id,
                                                  household_id, amount_minor);
