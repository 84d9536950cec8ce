-- Expand/contract instead of ALTER COLUMN TYPE: a new bigint column kept in sync by a trigger.
ALTER TABLE orders ADD COLUMN id_bigint bigint;
CREATE FUNCTION orders_sync_id_bigint() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN NEW.id_bigint := NEW.id; RETURN NEW; END $$;
CREATE TRIGGER orders_sync_id_bigint BEFORE INSERT OR UPDATE ON orders
    FOR EACH ROW EXECUTE FUNCTION orders_sync_id_bigint();
-- then: batched backfill, CREATE UNIQUE INDEX CONCURRENTLY, swap in a short transaction.

-- Binary-coercible: the column was added above as varchar(50); widening needs no rewrite.
ALTER TABLE orders ADD COLUMN coupon_code varchar(50);
ALTER TABLE orders ALTER COLUMN coupon_code TYPE varchar(100);
