-- Each statement takes only the lock it needs, for as long as it needs it.
SET lock_timeout = '2s';
ALTER TABLE orders ADD COLUMN fulfilled boolean;

-- Backfill in small batches, each its own transaction.
UPDATE orders SET fulfilled = (status = 'shipped') WHERE id BETWEEN 1 AND 10000 AND fulfilled IS NULL;
UPDATE orders SET fulfilled = (status = 'shipped') WHERE id BETWEEN 10001 AND 20000 AND fulfilled IS NULL;
