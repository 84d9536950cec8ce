SET lock_timeout = '2s';
-- Runs outside a transaction: if the index build fails, re-running the file stops at CREATE TABLE.
CREATE TABLE shipments (id bigint PRIMARY KEY, carrier text NOT NULL);
ALTER TABLE orders ADD COLUMN shipment_id bigint;
CREATE INDEX CONCURRENTLY orders_shipment_id_idx ON orders (shipment_id);
