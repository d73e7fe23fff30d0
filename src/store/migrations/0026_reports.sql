-- The reports room (docs/reports-api.md): indexes that let each room count a month of its
-- records community by community, and the DHIS2 aggregate export's mapping, kept by an
-- administrator: which data element and category option combination each figure of the
-- monthly report feeds, and which organisation unit each territory is. One mapping per
-- installation.

CREATE TABLE dhis2_mapping (
  id          INTEGER PRIMARY KEY CHECK (id = 1),
  data_set    TEXT,                   -- the data set's uid, or NULL
  version     BIGINT NOT NULL,
  updated_at  TEXT NOT NULL,
  updated_by  TEXT REFERENCES users(id)
);

CREATE TABLE dhis2_data_elements (
  indicator              TEXT NOT NULL,
  dimension              TEXT NOT NULL,   -- '' for the indicator's total
  value_code             TEXT NOT NULL,   -- '' for the total
  currency               TEXT NOT NULL,   -- '' unless money
  data_element           TEXT NOT NULL,
  category_option_combo  TEXT NOT NULL,
  PRIMARY KEY (indicator, dimension, value_code, currency),
  UNIQUE (data_element, category_option_combo)
);

CREATE TABLE dhis2_org_units (
  territory_id  TEXT PRIMARY KEY REFERENCES territories(id),
  org_unit      TEXT NOT NULL UNIQUE
);

INSERT INTO dhis2_mapping (id, data_set, version, updated_at) VALUES (1, NULL, 1, '2026-01-01T00:00:00.000Z');

-- A month of each room's records, community by community.
CREATE INDEX cases_opened ON cases(community_id, opened_at);
CREATE INDEX cases_closed ON cases(community_id, closed_at);
CREATE INDEX plan_actions_deadline ON plan_actions(community_id, deadline);
CREATE INDEX referrals_month ON referrals(community_id, referred_on);
CREATE INDEX assessments_finished ON assessments(community_id, finished_at);
CREATE INDEX enrolments_requested ON enrolments(community_id, requested_at);
CREATE INDEX enrolments_started ON enrolments(community_id, started_on);
CREATE INDEX benefit_applications_submitted ON benefit_applications(community_id, submitted_on);
CREATE INDEX benefit_decisions_decided ON benefit_decisions(community_id, decided_at);
CREATE INDEX payment_lines_month ON payment_lines(community_id, period, state);
CREATE INDEX benefit_cards_issued ON benefit_cards(community_id, issued_at);
