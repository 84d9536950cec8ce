-- Runs outside a transaction; does not block reads or writes.
DROP INDEX CONCURRENTLY IF EXISTS orders_status_idx;

-- An index created earlier in this migration is new: a plain drop is fine.
CREATE TABLE carts (id bigint PRIMARY KEY, owner_id bigint);
CREATE INDEX carts_owner_idx ON carts (owner_id);
DROP INDEX carts_owner_idx;
