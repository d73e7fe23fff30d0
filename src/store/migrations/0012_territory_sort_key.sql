-- Territory lists order by name as readers expect, on both backends alike: the territory room
-- stores the ICU collation key of the name here (text/collation.h, hex, so a plain ORDER BY
-- compares it byte by byte) and fills the rows that predate this column when the server
-- starts (territory::FillDerivedNames), which also rebuilds search_name with the names'
-- match keys so that Latin spellings find Cyrillic names.
ALTER TABLE territories ADD COLUMN sort_key TEXT NOT NULL DEFAULT '';
CREATE INDEX territories_parent_sort ON territories (parent_id, sort_key, code);
CREATE INDEX territories_level_sort ON territories (level, sort_key, code);
