-- expect: concurrently-in-transaction
BEGIN;
CREATE INDEX CONCURRENTLY users_email_idx ON users (email);
COMMIT;
