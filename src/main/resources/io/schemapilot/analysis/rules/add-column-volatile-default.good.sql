-- Instant on PostgreSQL 11+: the default is computed once and stored in the catalog.
ALTER TABLE orders ADD COLUMN created_at timestamptz DEFAULT now();

-- A volatile default: add the column bare, default new rows, backfill old ones in batches.
ALTER TABLE orders ADD COLUMN public_id uuid;
ALTER TABLE orders ALTER COLUMN public_id SET DEFAULT gen_random_uuid();
