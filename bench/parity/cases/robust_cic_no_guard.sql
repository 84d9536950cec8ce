-- expect: non-idempotent-statement
-- compare: robust
CREATE INDEX CONCURRENTLY users_email_idx ON users (email);
