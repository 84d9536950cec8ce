-- A column added earlier in the same migration has no data and no readers yet: dropping it loses nothing.
ALTER TABLE orders ADD COLUMN tmp_migration_flag boolean;
ALTER TABLE orders DROP COLUMN tmp_migration_flag;

-- Keep the old column until no deployed code uses it; back it up before the later drop.
CREATE TABLE orders_legacy_status_backup AS SELECT id, legacy_status FROM orders;
