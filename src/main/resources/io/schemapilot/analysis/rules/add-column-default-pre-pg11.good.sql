-- Catalog-only on every version: add the column bare, then set the default for new rows.
ALTER TABLE orders ADD COLUMN status text;
ALTER TABLE orders ALTER COLUMN status SET DEFAULT 'new';
