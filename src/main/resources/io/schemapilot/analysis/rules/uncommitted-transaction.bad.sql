SET lock_timeout = '2s';
BEGIN;
ALTER TABLE orders ADD COLUMN fulfilled_at timestamptz;
CREATE INDEX orders_fulfilled_at_idx ON orders (fulfilled_at);
-- No COMMIT: orders stays locked until the session ends, and then everything is rolled back.
