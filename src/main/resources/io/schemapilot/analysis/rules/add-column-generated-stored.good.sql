-- A plain column (catalog-only), kept up to date by a trigger and backfilled in batches later.
ALTER TABLE orders ADD COLUMN total numeric;

-- A stored generated column on a table created in the same migration costs nothing.
CREATE TABLE invoices (id bigint PRIMARY KEY, net numeric, tax numeric);
ALTER TABLE invoices ADD COLUMN gross numeric GENERATED ALWAYS AS (net + tax) STORED;
