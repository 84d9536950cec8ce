-- A table created in this migration: nobody reads it yet.
CREATE TABLE shipments (id bigint PRIMARY KEY, carrier text NOT NULL);
ALTER TABLE shipments ALTER COLUMN carrier DROP NOT NULL;

-- An existing table, after every reader was shipped to tolerate NULL, under a short lock_timeout.
SET lock_timeout = '2s';
-- schemapilot:ignore drop-not-null readers handle a missing shipped_at since release 2024.06
ALTER TABLE orders ALTER COLUMN shipped_at DROP NOT NULL;
