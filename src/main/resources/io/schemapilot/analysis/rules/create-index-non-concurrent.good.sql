-- Builds without blocking writes; runs outside a transaction.
CREATE INDEX CONCURRENTLY orders_created_at_idx ON orders (created_at);

-- A table created in the same migration is new and empty: a plain index is fine.
CREATE TABLE audit_log (id bigint PRIMARY KEY, created_at timestamptz NOT NULL);
CREATE INDEX audit_log_created_at_idx ON audit_log (created_at);
