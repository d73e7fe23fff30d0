-- The registry of persons and households (src/registry). Every row of personal data carries
-- community_id, the community-level territory that owns it (the tenant and distribution key);
-- queries filter on it by joining territories and comparing the path prefix.

CREATE TABLE households (
  id             TEXT PRIMARY KEY,
  community_id   TEXT NOT NULL REFERENCES territories(id),
  settlement_id  TEXT REFERENCES territories(id),
  address        TEXT,
  dwelling_type  TEXT,
  income_band    TEXT,
  head_person_id TEXT,                  -- a member; no foreign key (persons refer back here)
  version        BIGINT NOT NULL DEFAULT 1,
  created_at     TEXT NOT NULL,
  updated_at     TEXT NOT NULL,
  created_by     TEXT
);
CREATE INDEX households_community ON households(community_id);

CREATE TABLE persons (
  id                TEXT PRIMARY KEY,
  community_id      TEXT NOT NULL REFERENCES territories(id),
  settlement_id     TEXT REFERENCES territories(id),
  given_name        TEXT NOT NULL,
  family_name       TEXT NOT NULL,
  patronymic        TEXT,
  birth_date        TEXT,               -- YYYY-MM-DD
  sex               TEXT CHECK (sex IN ('female', 'male')),
  address           TEXT,
  phone             TEXT,
  languages         TEXT NOT NULL DEFAULT '',  -- ISO 639 codes, comma-separated
  disability_degree TEXT,
  notes             TEXT,
  -- text::NameMatchKey of "family given patronymic": the words the search index is built from.
  name_key          TEXT NOT NULL,
  household_id      TEXT REFERENCES households(id),
  version           BIGINT NOT NULL DEFAULT 1,
  created_at        TEXT NOT NULL,
  updated_at        TEXT NOT NULL,
  created_by        TEXT
);
CREATE INDEX persons_community ON persons(community_id);
CREATE INDEX persons_name_key ON persons(name_key);
CREATE INDEX persons_birth_date ON persons(birth_date);
CREATE INDEX persons_household ON persons(household_id);

-- National identifiers. The scheme names the country (RO-CNP, UA-UNZR ...), so UNIQUE(scheme,
-- value) is uniqueness per country; one identifier per scheme per person.
CREATE TABLE person_identifiers (
  person_id    TEXT NOT NULL REFERENCES persons(id) ON DELETE CASCADE,
  scheme       TEXT NOT NULL,
  value        TEXT NOT NULL,
  country      TEXT NOT NULL,           -- RO, MD, UA, MK, LT
  community_id TEXT NOT NULL REFERENCES territories(id),
  PRIMARY KEY (person_id, scheme),
  UNIQUE (scheme, value)
);
CREATE INDEX person_identifiers_value ON person_identifiers(value);

CREATE TABLE household_members (
  household_id         TEXT NOT NULL REFERENCES households(id) ON DELETE CASCADE,
  person_id            TEXT NOT NULL UNIQUE REFERENCES persons(id),
  relationship_to_head TEXT NOT NULL,
  community_id         TEXT NOT NULL REFERENCES territories(id),
  PRIMARY KEY (household_id, person_id)
);
