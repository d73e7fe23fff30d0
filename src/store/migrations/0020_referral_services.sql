-- A referral may target a service of the catalogue, and names the enrolment made from it:
-- the referral's answer then follows that enrolment. docs/cases-api.md, docs/services-api.md.
-- Both columns stay empty for a referral to a service outside the catalogue.
ALTER TABLE referrals ADD COLUMN service_id TEXT REFERENCES services(id);
ALTER TABLE referrals ADD COLUMN enrolment_id TEXT REFERENCES enrolments(id);
CREATE INDEX referrals_service ON referrals(service_id);
-- One referral per enrolment: the enrolment's moves find the referral they answer.
CREATE UNIQUE INDEX referrals_enrolment ON referrals(enrolment_id);
