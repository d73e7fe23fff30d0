-- The eligibility preview reads every household of a territory with its members' birth dates
-- and disability degrees (benefits ForEachHousehold): with these covering indexes each
-- household and each member is read from one index entry, without a visit to the table row.
CREATE INDEX households_facts ON households(id, community_id, created_at, head_person_id);
CREATE INDEX persons_facts ON persons(id, birth_date, disability_degree);
