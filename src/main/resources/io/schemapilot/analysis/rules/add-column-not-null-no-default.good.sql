-- A constant default fills old rows from the catalog (PostgreSQL 11+) and keeps old writers working.
ALTER TABLE orders ADD COLUMN priority integer NOT NULL DEFAULT 0;

-- A new table has no rows and no old writers.
CREATE TABLE shipments (id bigint PRIMARY KEY);
ALTER TABLE shipments ADD COLUMN carrier text NOT NULL;
