-- forbid: concurrently-in-transaction,create-index-non-concurrent
CREATE INDEX CONCURRENTLY IF NOT EXISTS users_email_idx ON users (email);
