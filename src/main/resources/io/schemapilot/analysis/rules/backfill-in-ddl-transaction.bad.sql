-- The ACCESS EXCLUSIVE lock of the ALTER is held until COMMIT, i.e. for the whole backfill.
BEGIN;
ALTER TABLE orders ADD COLUMN currency text;
UPDATE orders SET currency = 'EUR' WHERE currency IS NULL;
COMMIT;
