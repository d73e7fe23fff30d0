-- The large-family card: the keys that sign its QR token, and the cards issued to households
-- from active decisions of a large_family_card programme. docs/benefits-api.md.

-- The scheme's Ed25519 signing keys. A key is made the first time a card is issued and kept:
-- the newest signs new cards, every one stays published so that older cards still verify.
-- The secret (the key's seed, base64url) lives here, with the data it protects, because the
-- server must sign unattended and on any of its instances; whoever reads a backup can sign
-- cards, so backups are to be kept as protected as the database itself (docs/benefits-api.md).
-- `generation` orders the keys (the highest signs) and, being unique, lets the first issues
-- on two instances agree on one key: each inserts generation 1 with ON CONFLICT DO NOTHING
-- and then signs with whichever is stored.
CREATE TABLE card_keys (
  id          TEXT PRIMARY KEY,        -- the key id a token names (card_token.h KeyId)
  generation  INTEGER NOT NULL UNIQUE, -- 1, 2, ...: a rotation adds the next
  public_key  TEXT NOT NULL,           -- base64url, 43 characters
  secret_key  TEXT NOT NULL,           -- the seed, base64url: a secret
  created_at  TEXT NOT NULL
);

-- Card numbers per community and year: "<community prefix>-<year>-<6 digits>", taken with one
-- INSERT ... ON CONFLICT DO UPDATE ... RETURNING as case numbers are.
CREATE TABLE card_counters (
  community_id TEXT NOT NULL REFERENCES territories(id),
  year         INTEGER NOT NULL,
  last_number  BIGINT NOT NULL,
  PRIMARY KEY (community_id, year)
);

CREATE TABLE benefit_cards (
  id             TEXT PRIMARY KEY,
  number         TEXT NOT NULL UNIQUE,
  programme_id   TEXT NOT NULL REFERENCES programmes(id),
  household_id   TEXT NOT NULL REFERENCES households(id),
  community_id   TEXT NOT NULL REFERENCES territories(id),
  decision_id    TEXT NOT NULL REFERENCES benefit_decisions(id),
  valid_from     TEXT NOT NULL,          -- YYYY-MM-DD
  valid_until    TEXT NOT NULL,          -- the last day it is valid
  state          TEXT NOT NULL,          -- active | revoked
  revoke_reason  TEXT,
  token          TEXT NOT NULL,
  key_id         TEXT NOT NULL REFERENCES card_keys(id),
  issued_by      TEXT NOT NULL REFERENCES users(id),
  issued_at      TEXT NOT NULL,
  revoked_by     TEXT REFERENCES users(id),
  revoked_at     TEXT,
  version        BIGINT NOT NULL DEFAULT 1,
  created_at     TEXT NOT NULL,
  updated_at     TEXT NOT NULL,
  CHECK (valid_until >= valid_from)
);
CREATE INDEX benefit_cards_community ON benefit_cards(community_id, created_at, id);
CREATE INDEX benefit_cards_household ON benefit_cards(household_id, programme_id);
-- One active card per programme and household, also under concurrent issues.
CREATE UNIQUE INDEX benefit_cards_active ON benefit_cards(programme_id, household_id)
  WHERE state = 'active';
