-- The monthly report and the dashboard's series read a month of each big table community by
-- community (store/figures.h): with these covering indexes the month's contacts, cases, plan
-- actions and payment lines are counted from the index alone, without visiting a table row
-- (10 million contacts: a month of a region is some 400,000 index entries). They replace the
-- narrower indexes of 0014 and 0026 that lead with the same columns.

DROP INDEX contacts_community;
CREATE INDEX contacts_community ON contacts(community_id, contact_date, status, kind, reason,
                                            person_id, household_id);

DROP INDEX cases_opened;
CREATE INDEX cases_opened ON cases(community_id, opened_at, closed_at, category, risk_level);
DROP INDEX cases_closed;
CREATE INDEX cases_closed ON cases(community_id, closed_at, category);

DROP INDEX plan_actions_deadline;
CREATE INDEX plan_actions_deadline ON plan_actions(community_id, deadline, created_at, status,
                                                   updated_at, agency);

DROP INDEX payment_lines_month;
CREATE INDEX payment_lines_month ON payment_lines(community_id, period, state, programme_id,
                                                  household_id, amount_minor);
