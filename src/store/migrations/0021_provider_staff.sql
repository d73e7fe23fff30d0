-- The staff of a provider (users with the provider_staff role who work in its services) and
-- the days each enrolled person attended a day service, month by month. docs/services-api.md.

CREATE TABLE provider_staff (
  provider_id   TEXT NOT NULL REFERENCES providers(id),
  user_id       TEXT NOT NULL REFERENCES users(id),
  added_by      TEXT NOT NULL REFERENCES users(id),
  added_at      TEXT NOT NULL,
  PRIMARY KEY (provider_id, user_id)
);
CREATE INDEX provider_staff_user ON provider_staff(user_id);

-- One row per enrolment and month ('YYYY-MM'): the days of the month present, as day
-- numbers joined by ',' in increasing order, and their count.
CREATE TABLE attendance (
  enrolment_id  TEXT NOT NULL REFERENCES enrolments(id),
  month         TEXT NOT NULL,
  days          TEXT NOT NULL,
  days_present  INTEGER NOT NULL,
  version       BIGINT NOT NULL DEFAULT 1,
  updated_by    TEXT NOT NULL REFERENCES users(id),
  updated_at    TEXT NOT NULL,
  PRIMARY KEY (enrolment_id, month),
  CHECK (days_present >= 0 AND days_present <= 31)
);
