-- A payment line copies its decision's programme, household and community. One key to the
-- decision over all four now says that they exist and that they agree, where four keys checked
-- each alone (and each check locked a row: most of the time of a month's payment list).
CREATE UNIQUE INDEX benefit_decisions_line_key
  ON benefit_decisions(id, programme_id, household_id, community_id);
ALTER TABLE payment_lines
  DROP CONSTRAINT payment_lines_programme_id_fkey,
  DROP CONSTRAINT payment_lines_household_id_fkey,
  DROP CONSTRAINT payment_lines_community_id_fkey,
  DROP CONSTRAINT payment_lines_decision_id_fkey,
  ADD CONSTRAINT payment_lines_decision_fkey
    FOREIGN KEY (decision_id, programme_id, household_id, community_id)
    REFERENCES benefit_decisions(id, programme_id, household_id, community_id);
