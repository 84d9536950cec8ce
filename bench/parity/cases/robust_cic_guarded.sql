-- forbid: non-idempotent-statement
-- compare: robust
DROP INDEX CONCURRENTLY IF EXISTS users_email_idx;
CREATE INDEX CONCURRENTLY IF NOT EXISTS users_email_idx ON users (email);
