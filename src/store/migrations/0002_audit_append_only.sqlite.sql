-- The audit log is append-only: the database itself refuses to change or remove an entry,
-- whatever code path tries. (The hash chain still detects tampering done around this, e.g.
-- by dropping the trigger.)
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only');
END;

CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only');
END;
