SET lock_timeout = '2s';
BEGIN;
ALTER TABLE orders ADD COLUMN fulfilled_at timestamptz;
-- Only a warning: there is no nested transaction.
BEGIN;
UPDATE orders SET fulfilled_at = shipped_at WHERE id <= 1000;
-- Commits everything so far ...
COMMIT;
ALTER TABLE orders ADD CONSTRAINT orders_fulfilled_after_created CHECK (fulfilled_at >= created_at) NOT VALID;
-- ... so this COMMIT finds no transaction.
COMMIT;
