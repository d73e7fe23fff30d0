-- Case-insensitive territory search on both backends alike: the territory room stores the
-- case-folded name and Latin name here (territory/rules.h SearchKeyOf), so a plain LIKE on
-- this column behaves the same in SQLite and PostgreSQL whatever the database's collation.
ALTER TABLE territories ADD COLUMN search_name TEXT NOT NULL DEFAULT '';
