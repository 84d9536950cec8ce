SET lock_timeout = '2s';
-- Every step can run again after a partial failure.
CREATE TABLE IF NOT EXISTS shipments (id bigint PRIMARY KEY, carrier text NOT NULL);
ALTER TABLE orders ADD COLUMN IF NOT EXISTS shipment_id bigint;
-- Clears an INVALID leftover of a failed build before building again.
DROP INDEX CONCURRENTLY IF EXISTS orders_shipment_id_idx;
CREATE INDEX CONCURRENTLY orders_shipment_id_idx ON orders (shipment_id);
