-- A scratch schema created in this same migration holds nothing anyone relies on.
CREATE SCHEMA IF NOT EXISTS migration_scratch;
CREATE TABLE migration_scratch.order_ids AS SELECT id FROM orders WHERE archived;
DROP SCHEMA migration_scratch CASCADE;
