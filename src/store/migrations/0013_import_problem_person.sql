-- The name on the row of each import problem, so that an error report read apart from the
-- file still says whose row it is. Empty for problems of the file as a whole.
ALTER TABLE person_import_problems ADD COLUMN person TEXT NOT NULL DEFAULT '';
