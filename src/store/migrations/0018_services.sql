-- Services: providers, their services with capacity and licence, the settlements a service
-- serves, and enrolments (a place held, offered or waited for). docs/services-api.md.

CREATE TABLE providers (
  id            TEXT PRIMARY KEY,
  territory_id  TEXT NOT NULL REFERENCES territories(id),
  country       TEXT NOT NULL,          -- the country code, for the legal id's uniqueness
  name          TEXT NOT NULL,
  name_key      TEXT NOT NULL,          -- collation key of the name: lists order by it
  search_key    TEXT NOT NULL,          -- match key of the name: q looks in it
  kind          TEXT NOT NULL,          -- public | non_governmental | private
  legal_id      TEXT,
  address       TEXT,
  phone         TEXT,
  email         TEXT,
  website       TEXT,
  version       BIGINT NOT NULL DEFAULT 1,
  created_at    TEXT NOT NULL,
  updated_at    TEXT NOT NULL
);
CREATE UNIQUE INDEX providers_legal_id ON providers(country, legal_id);
CREATE INDEX providers_territory ON providers(territory_id);
CREATE INDEX providers_name ON providers(name_key, id);

CREATE TABLE services (
  id                  TEXT PRIMARY KEY,
  provider_id         TEXT NOT NULL REFERENCES providers(id),
  territory_id        TEXT NOT NULL REFERENCES territories(id),
  name                TEXT NOT NULL,
  name_key            TEXT NOT NULL,    -- collation key of the name
  search_key          TEXT NOT NULL,    -- match key of the name: q looks in it
  type                TEXT NOT NULL,
  description         TEXT,
  licence_number      TEXT,
  licence_valid_until TEXT,             -- YYYY-MM-DD
  address             TEXT,
  target_groups       TEXT NOT NULL,    -- codes joined by ','
  opening_hours       TEXT,
  languages           TEXT NOT NULL,    -- codes joined by ','
  capacity            INTEGER NOT NULL,
  -- Enrolments offered, active or suspended. Kept on the row so that taking a place is one
  -- conditional UPDATE, which both backends serialise on the row: never above capacity.
  places_used         INTEGER NOT NULL DEFAULT 0,
  free                INTEGER NOT NULL,
  price               TEXT,
  how_to_apply        TEXT,
  phone               TEXT,
  email               TEXT,
  active              INTEGER NOT NULL,
  version             BIGINT NOT NULL DEFAULT 1,
  created_at          TEXT NOT NULL,
  updated_at          TEXT NOT NULL,
  CHECK (capacity >= 0 AND places_used >= 0 AND places_used <= capacity)
);
CREATE INDEX services_territory ON services(territory_id);
CREATE INDEX services_provider ON services(provider_id);
CREATE INDEX services_name ON services(name_key, id);

-- The settlements or communities a service serves; none: everyone in its territory.
CREATE TABLE service_settlements (
  service_id    TEXT NOT NULL REFERENCES services(id),
  territory_id  TEXT NOT NULL REFERENCES territories(id),
  PRIMARY KEY (service_id, territory_id)
);

CREATE TABLE enrolments (
  id                  TEXT PRIMARY KEY,
  service_id          TEXT NOT NULL REFERENCES services(id),
  person_id           TEXT NOT NULL REFERENCES persons(id),
  community_id        TEXT NOT NULL REFERENCES territories(id),  -- the person's: the tenant
  state               TEXT NOT NULL,
  -- Orders lists: offered 0, active 1, suspended 2, waiting 3, ended 4, withdrawn 5; and the
  -- waiting list: urgent 0, high 1, normal 2, then requested_at, then id.
  state_rank          INTEGER NOT NULL,
  priority            TEXT NOT NULL,
  priority_rank       INTEGER NOT NULL,
  case_id             TEXT REFERENCES cases(id),
  note                TEXT,
  outside_area_reason TEXT,
  requested_at        TEXT NOT NULL,
  offered_at          TEXT,
  started_on          TEXT,
  ended_on            TEXT,
  end_reason          TEXT,
  worker_id           TEXT NOT NULL REFERENCES users(id),
  version             BIGINT NOT NULL DEFAULT 1,
  created_at          TEXT NOT NULL,
  updated_at          TEXT NOT NULL
);
CREATE INDEX enrolments_service ON enrolments(service_id, state_rank, priority_rank, requested_at, id);
CREATE INDEX enrolments_person ON enrolments(person_id, state_rank, priority_rank, requested_at, id);
CREATE INDEX enrolments_worker ON enrolments(worker_id, state_rank, priority_rank, requested_at, id);
-- One current enrolment per person and service, also under concurrent requests.
CREATE UNIQUE INDEX enrolments_current ON enrolments(service_id, person_id)
  WHERE state_rank < 4;
