-- Imports of persons from CSV (src/registry/import*.cc, docs/registry-import.md). One row per
-- import job; each imported person carries (import_id, source_row), unique, so that a resumed
-- import never writes a row twice.

CREATE TABLE person_imports (
  id                 TEXT PRIMARY KEY,
  file_name          TEXT NOT NULL,
  file_sha256        TEXT NOT NULL,
  size               BIGINT NOT NULL DEFAULT 0,
  bytes_received     BIGINT NOT NULL DEFAULT 0,
  -- uploading | queued | validating | writing | done | failed | cancelled
  status             TEXT NOT NULL,
  mode               TEXT NOT NULL,           -- all_or_nothing | partial
  options            TEXT NOT NULL DEFAULT '{}',  -- JSON: mapping, skip_possible_duplicates
  rows_total         BIGINT NOT NULL DEFAULT 0,
  rows_read          BIGINT NOT NULL DEFAULT 0,
  rows_ok            BIGINT NOT NULL DEFAULT 0,
  rows_rejected      BIGINT NOT NULL DEFAULT 0,
  rows_written       BIGINT NOT NULL DEFAULT 0,
  last_committed_row BIGINT NOT NULL DEFAULT 0,  -- the file line of the last written record
  created_by         TEXT,                    -- users.id; NULL for the system (CLI without actor)
  scope_territory_id TEXT REFERENCES territories(id),  -- the community scope; NULL: everywhere
  scope_path         TEXT NOT NULL,           -- its path ('/' for the whole installation)
  created_at         TEXT NOT NULL,
  updated_at         TEXT NOT NULL
);
CREATE INDEX person_imports_sha256 ON person_imports(file_sha256);
CREATE INDEX person_imports_created_by ON person_imports(created_by, created_at);

-- The first problems of an import (at most 1000 per job), for the report.
CREATE TABLE person_import_problems (
  import_id TEXT NOT NULL REFERENCES person_imports(id) ON DELETE CASCADE,
  seq       BIGINT NOT NULL,
  row_no    BIGINT NOT NULL,
  field     TEXT NOT NULL,
  code      TEXT NOT NULL,
  params    TEXT NOT NULL DEFAULT '{}',   -- JSON object of message placeholders
  message   TEXT NOT NULL,               -- English
  severity  TEXT NOT NULL,               -- error | warning
  PRIMARY KEY (import_id, seq)
);

ALTER TABLE persons ADD COLUMN import_id TEXT;
ALTER TABLE persons ADD COLUMN source_row BIGINT;
CREATE UNIQUE INDEX persons_import_row ON persons(import_id, source_row);
CREATE INDEX persons_updated_at ON persons(updated_at);
