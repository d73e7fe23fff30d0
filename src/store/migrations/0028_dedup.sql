-- Deduplication (src/dedup, docs/dedup-api.md): the pairs of persons a run proposes and what
-- reviewers decided about them, the runs, and the merges with what each one changed, so that
-- a merge can be undone exactly.

-- A merged person is kept, hidden from search and lists; it points to the record that
-- survived the merge.
ALTER TABLE persons ADD COLUMN merged_into TEXT;

CREATE TABLE dedup_runs (
  id              TEXT PRIMARY KEY,
  territory_id    TEXT NOT NULL REFERENCES territories(id),
  status          TEXT NOT NULL CHECK (status IN ('running', 'done', 'failed')),
  progress        DOUBLE PRECISION NOT NULL DEFAULT 0,
  records         BIGINT NOT NULL DEFAULT 0,
  candidate_pairs BIGINT NOT NULL DEFAULT 0,
  proposed_pairs  BIGINT NOT NULL DEFAULT 0,
  groups_found    BIGINT NOT NULL DEFAULT 0,
  seconds         DOUBLE PRECISION NOT NULL DEFAULT 0,
  model           TEXT,                  -- the trained weights (JSON), for the check on entry
  error           TEXT,
  started_by      TEXT,
  started_at      TEXT NOT NULL,
  finished_at     TEXT
);
CREATE INDEX dedup_runs_territory ON dedup_runs(territory_id, started_at);

-- One row per pair ever proposed (person_a < person_b): a decided pair keeps its status, so
-- "not the same person" is remembered and never proposed again.
CREATE TABLE duplicate_pairs (
  id           TEXT PRIMARY KEY,
  person_a     TEXT NOT NULL REFERENCES persons(id),
  person_b     TEXT NOT NULL REFERENCES persons(id),
  community_a  TEXT NOT NULL REFERENCES territories(id),
  community_b  TEXT NOT NULL REFERENCES territories(id),
  status       TEXT NOT NULL CHECK (status IN ('open', 'not_same', 'merged')),
  probability  DOUBLE PRECISION NOT NULL,
  match_weight DOUBLE PRECISION NOT NULL,
  evidence     TEXT NOT NULL,            -- JSON [{field, level, weight}]
  group_id     TEXT,
  group_size   BIGINT NOT NULL DEFAULT 2,
  run_id       TEXT REFERENCES dedup_runs(id),
  found_at     TEXT NOT NULL,
  decided_at   TEXT,
  decided_by   TEXT,
  merge_id     TEXT,
  version      BIGINT NOT NULL DEFAULT 1,
  UNIQUE (person_a, person_b),
  CHECK (person_a < person_b)
);
CREATE INDEX duplicate_pairs_status ON duplicate_pairs(status, probability);
CREATE INDEX duplicate_pairs_person_b ON duplicate_pairs(person_b);

CREATE TABLE person_merges (
  id                  TEXT PRIMARY KEY,
  survivor_id         TEXT NOT NULL REFERENCES persons(id),
  merged_id           TEXT NOT NULL REFERENCES persons(id),
  community_id        TEXT NOT NULL REFERENCES territories(id),  -- the survivor's
  merged_community_id TEXT NOT NULL REFERENCES territories(id),
  pair_id             TEXT,
  survivor_name       TEXT NOT NULL,
  merged_name         TEXT NOT NULL,
  before_merge        TEXT NOT NULL,     -- JSON: both persons' rows, identifiers, memberships
  moved               TEXT NOT NULL,     -- JSON: the rows moved to the survivor, per table
  taken               TEXT NOT NULL,     -- JSON: the fields taken from the merged record
  merged_at           TEXT NOT NULL,
  merged_by           TEXT,
  undone_at           TEXT,
  undone_by           TEXT,
  version             BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX person_merges_survivor ON person_merges(survivor_id);
CREATE INDEX person_merges_merged ON person_merges(merged_id);
CREATE INDEX person_merges_community ON person_merges(community_id, merged_at);
