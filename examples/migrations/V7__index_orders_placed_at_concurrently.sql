-- SAFE: build an index without blocking writes.
-- CREATE INDEX CONCURRENTLY must run outside a transaction block (run this file without a
-- wrapping transaction; Flyway does so by itself for CONCURRENTLY). If it fails it leaves an
-- INVALID index: drop it and run again.
SET lock_timeout = '2s';
CREATE INDEX CONCURRENTLY IF NOT EXISTS orders_placed_at_idx ON orders (placed_at);
