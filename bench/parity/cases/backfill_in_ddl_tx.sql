-- expect: backfill-in-ddl-transaction
BEGIN;
ALTER TABLE orders ADD COLUMN region text;
UPDATE orders SET region = 'eu' WHERE region IS NULL;
COMMIT;
