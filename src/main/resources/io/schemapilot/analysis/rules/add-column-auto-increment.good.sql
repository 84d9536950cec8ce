-- Catalog-only steps; existing rows are numbered later by a batched backfill.
CREATE SEQUENCE orders_seq_no_seq AS bigint;
ALTER TABLE orders ADD COLUMN seq_no bigint;
ALTER SEQUENCE orders_seq_no_seq OWNED BY orders.seq_no;
ALTER TABLE orders ALTER COLUMN seq_no SET DEFAULT nextval('orders_seq_no_seq');
