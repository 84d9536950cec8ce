-- sp: --assume-in-transaction
-- sq: --assume-in-transaction
-- expect: concurrently-in-transaction
-- verdict: squawk misses
-- why: squawk 2.66 does not flag CIC under --assume-in-transaction (squawk issue #331); PostgreSQL rejects it in a transaction block
CREATE INDEX CONCURRENTLY users_email_idx ON users (email);
