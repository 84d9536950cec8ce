-- Computes and writes total for every row: a rewrite under ACCESS EXCLUSIVE.
ALTER TABLE orders ADD COLUMN total numeric GENERATED ALWAYS AS (quantity * unit_price) STORED;
