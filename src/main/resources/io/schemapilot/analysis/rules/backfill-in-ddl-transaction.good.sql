-- The schema change commits on its own; the backfill runs afterwards in its own short transactions.
BEGIN;
ALTER TABLE orders ADD COLUMN currency text;
COMMIT;

UPDATE orders SET currency = 'EUR'
WHERE id IN (SELECT id FROM orders WHERE currency IS NULL ORDER BY id LIMIT 5000);
