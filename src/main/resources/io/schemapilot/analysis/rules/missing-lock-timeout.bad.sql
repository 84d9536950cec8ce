-- Waits for its ACCESS EXCLUSIVE lock for as long as it takes, with every query on orders queued behind it.
ALTER TABLE orders ADD COLUMN fulfilled_at timestamptz;
