-- forbid: set-not-null-full-scan
-- note: PG proves NOT NULL from NOT (col IS NULL) too
ALTER TABLE users ADD CONSTRAINT users_email_nn CHECK (NOT (email IS NULL)) NOT VALID;
ALTER TABLE users VALIDATE CONSTRAINT users_email_nn;
ALTER TABLE users ALTER COLUMN email SET NOT NULL;
