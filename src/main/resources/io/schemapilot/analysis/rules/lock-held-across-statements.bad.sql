SET lock_timeout = '2s';
BEGIN;
ALTER TABLE orders ADD COLUMN customer_tier text;
-- Waits for its own lock on customers while orders stays ACCESS EXCLUSIVE locked (no reads, no writes).
ALTER TABLE customers ADD COLUMN tier text;
COMMIT;
