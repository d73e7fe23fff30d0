-- Requests for help sent by residents from the public services directory: they wait in their
-- community's intake queue until a worker turns them into an audience or a case, or closes
-- them with an answer. docs/services-api.md.
CREATE TABLE help_requests (
  id            TEXT PRIMARY KEY,
  community_id  TEXT NOT NULL REFERENCES territories(id),
  confirmation  TEXT NOT NULL UNIQUE,   -- the reference shown to the resident
  need          TEXT NOT NULL,
  for_whom      TEXT,
  name          TEXT NOT NULL,
  contact       TEXT NOT NULL,
  language      TEXT NOT NULL,
  state         TEXT NOT NULL,          -- open | audience | case | closed
  answer        TEXT,
  contact_id    TEXT REFERENCES contacts(id),
  case_id       TEXT REFERENCES cases(id),
  resolved_by   TEXT REFERENCES users(id),
  resolved_at   TEXT,
  version       BIGINT NOT NULL DEFAULT 1,
  created_at    TEXT NOT NULL,
  updated_at    TEXT NOT NULL
);
CREATE INDEX help_requests_queue ON help_requests(community_id, state, created_at, id);
