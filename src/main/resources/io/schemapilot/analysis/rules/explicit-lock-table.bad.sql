-- orders can be neither read nor written until COMMIT, including during the backfill.
BEGIN;
LOCK TABLE orders IN ACCESS EXCLUSIVE MODE;
ALTER TABLE orders ADD COLUMN fulfilled boolean;
UPDATE orders SET fulfilled = (status = 'shipped') WHERE id <= 10000;
COMMIT;
