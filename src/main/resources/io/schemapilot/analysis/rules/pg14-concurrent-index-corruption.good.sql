-- Still on 14.2: do not build indexes concurrently until the upgrade to 14.4+;
-- meanwhile verify the indexes that were built concurrently (amcheck, heapallindexed).
SELECT bt_index_check('orders_customer_id_idx', true);

-- A table created in this migration has no concurrent updates: a plain index is fine.
CREATE TABLE invoices (id bigint PRIMARY KEY, issued_at timestamptz NOT NULL);
CREATE INDEX invoices_issued_at_idx ON invoices (issued_at);
