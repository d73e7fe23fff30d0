-- Rows of a person import linked to the registered person they match instead of written as a
-- new one (docs/registry-import.md, "link_possible_duplicates").
ALTER TABLE person_imports ADD COLUMN rows_linked BIGINT NOT NULL DEFAULT 0;
