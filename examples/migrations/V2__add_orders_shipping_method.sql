-- UNSAFE: a NOT NULL column without a default.
-- Fails outright on a non-empty orders table ("column contains null values"), after waiting for
-- an ACCESS EXCLUSIVE lock. Safe version: add it nullable with a default, backfill in batches,
-- then SET NOT NULL with the CHECK recipe (see V9).
ALTER TABLE orders ADD COLUMN shipping_method text NOT NULL;
