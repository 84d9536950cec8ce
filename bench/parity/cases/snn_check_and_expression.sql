-- forbid: set-not-null-full-scan
-- note: PG proves NOT NULL from an AND-ed CHECK (ConstraintImpliedByRelConstraint)
ALTER TABLE users ADD CONSTRAINT users_email_ok CHECK (email IS NOT NULL AND length(email) > 3) NOT VALID;
ALTER TABLE users VALIDATE CONSTRAINT users_email_ok;
ALTER TABLE users ALTER COLUMN email SET NOT NULL;
