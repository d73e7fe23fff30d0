-- Territories, users, roles, sessions and the audit log: the floor every module stands on.
-- Instants are ISO 8601 UTC text; booleans are 0/1 integers (one SQL text for both backends).

CREATE TABLE territories (
  id          TEXT PRIMARY KEY,
  code        TEXT NOT NULL UNIQUE,          -- official code, prefixed by country: RO:1017
  parent_id   TEXT REFERENCES territories(id),
  level       TEXT NOT NULL CHECK (level IN ('country','region','district','community','settlement')),
  name        TEXT NOT NULL,                 -- native script, as the source writes it
  name_latin  TEXT,
  -- Materialised path of codes from the root, '/RO/RO:10/RO:1017/': a subtree is a prefix.
  path        TEXT NOT NULL,
  -- The community-level ancestor (or self); NULL above community level. The tenant key.
  community_id TEXT,
  version     BIGINT NOT NULL DEFAULT 1,
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL
);
CREATE INDEX territories_parent ON territories(parent_id);
CREATE INDEX territories_path ON territories(path);

CREATE TABLE users (
  id                   TEXT PRIMARY KEY,
  username             TEXT NOT NULL,
  username_key         TEXT NOT NULL UNIQUE,  -- lower-cased username: Ana and ana are one user
  display_name         TEXT NOT NULL,
  password_hash        TEXT NOT NULL,         -- argon2id, libsodium's encoded string
  language             TEXT NOT NULL DEFAULT 'en',
  home_territory_id    TEXT NOT NULL REFERENCES territories(id),
  active               BIGINT NOT NULL DEFAULT 1,
  must_change_password BIGINT NOT NULL DEFAULT 0,
  failed_logins        BIGINT NOT NULL DEFAULT 0,
  locked_until         TEXT,
  password_changed_at  TEXT,
  last_login_at        TEXT,
  version              BIGINT NOT NULL DEFAULT 1,
  created_at           TEXT NOT NULL,
  updated_at           TEXT NOT NULL
);
CREATE INDEX users_home_territory ON users(home_territory_id);

CREATE TABLE role_assignments (
  id           TEXT PRIMARY KEY,
  user_id      TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  role         TEXT NOT NULL,
  territory_id TEXT NOT NULL REFERENCES territories(id),
  created_at   TEXT NOT NULL,
  UNIQUE (user_id, role, territory_id)
);
CREATE INDEX role_assignments_user ON role_assignments(user_id);

CREATE TABLE sessions (
  id           TEXT PRIMARY KEY,              -- SHA-256 of the cookie token, hex; never the token
  user_id      TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  csrf_token   TEXT NOT NULL,
  created_at   TEXT NOT NULL,
  last_seen_at TEXT NOT NULL,
  expires_at   TEXT NOT NULL,
  client_ip    TEXT,
  user_agent   TEXT
);
CREATE INDEX sessions_user ON sessions(user_id);

CREATE TABLE audit_log (
  seq            BIGINT PRIMARY KEY,          -- 1, 2, 3 ... without gaps
  at             TEXT NOT NULL,
  actor_id       TEXT,                        -- NULL for the system (migrations, bootstrap)
  actor_username TEXT,
  action         TEXT NOT NULL,               -- 'user.create', 'person.read', ...
  entity_type    TEXT NOT NULL,
  entity_id      TEXT,
  territory_id   TEXT,
  detail         TEXT NOT NULL DEFAULT '{}',  -- JSON object
  prev_hash      TEXT NOT NULL,
  hash           TEXT NOT NULL                -- SHA-256 over prev_hash and this entry's fields
);
CREATE INDEX audit_log_entity ON audit_log(entity_type, entity_id);
CREATE INDEX audit_log_actor ON audit_log(actor_id);

-- The chain's head, moved in the same transaction as each append: deleting the newest
-- entries leaves a head that no longer matches.
CREATE TABLE audit_head (
  id   BIGINT PRIMARY KEY CHECK (id = 1),
  seq  BIGINT NOT NULL,
  hash TEXT NOT NULL
);
INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
