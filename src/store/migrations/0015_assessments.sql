-- The assessments room (src/assessments): versioned questionnaires stored as data, and the
-- assessments filled from them. A questionnaire version never changes once stored, so an
-- assessment's answers always read against the form they were given to.

CREATE TABLE questionnaires (
  code        TEXT NOT NULL,
  version     BIGINT NOT NULL,
  subject     TEXT NOT NULL CHECK (subject IN ('person', 'household')),
  definition  TEXT NOT NULL,            -- JSON, as questionnaire.h EncodeDefinition writes it
  shipped     INTEGER NOT NULL DEFAULT 0,  -- 1: installed from the forms built into the server
  created_at  TEXT NOT NULL,
  created_by  TEXT,
  PRIMARY KEY (code, version)
);

CREATE TABLE assessments (
  id                    TEXT PRIMARY KEY,
  community_id          TEXT NOT NULL REFERENCES territories(id),
  person_id             TEXT REFERENCES persons(id),
  household_id          TEXT REFERENCES households(id),
  case_id               TEXT,           -- opaque until the cases room checks it; no foreign key
  questionnaire_code    TEXT NOT NULL,
  questionnaire_version BIGINT NOT NULL,
  status                TEXT NOT NULL CHECK (status IN ('draft', 'final')),
  answers               TEXT NOT NULL DEFAULT '{}',  -- JSON object: question id → answer
  score                 BIGINT,
  score_band            TEXT,
  flags                 TEXT NOT NULL DEFAULT '',    -- flag codes, comma-separated
  version               BIGINT NOT NULL DEFAULT 1,
  created_at            TEXT NOT NULL,
  created_by            TEXT,
  updated_at            TEXT NOT NULL,
  updated_by            TEXT,
  finished_at           TEXT,
  finished_by           TEXT,
  FOREIGN KEY (questionnaire_code, questionnaire_version)
    REFERENCES questionnaires(code, version),
  CHECK ((person_id IS NULL AND household_id IS NOT NULL)
      OR (person_id IS NOT NULL AND household_id IS NULL))
);
CREATE INDEX assessments_community ON assessments(community_id);
CREATE INDEX assessments_person ON assessments(person_id);
CREATE INDEX assessments_household ON assessments(household_id);
CREATE INDEX assessments_form ON assessments(questionnaire_code, status);
