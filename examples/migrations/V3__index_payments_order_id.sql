-- UNSAFE: a plain CREATE INDEX.
-- Holds a SHARE lock on payments for the whole build: no INSERT/UPDATE/DELETE until it is done.
-- Safe version: CREATE INDEX CONCURRENTLY outside a transaction (see V7).
CREATE INDEX payments_order_id_idx ON payments (order_id);
