-- On a retry after a failed build, IF NOT EXISTS keeps the INVALID leftover and does nothing.
CREATE INDEX CONCURRENTLY IF NOT EXISTS orders_customer_id_idx ON orders (customer_id);
