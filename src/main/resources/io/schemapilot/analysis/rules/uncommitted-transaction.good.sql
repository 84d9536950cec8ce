SET lock_timeout = '2s';
BEGIN;
ALTER TABLE orders ADD COLUMN fulfilled_at timestamptz;
COMMIT;
