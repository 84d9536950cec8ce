-- A migration of its own, not wrapped in a transaction.
CREATE INDEX CONCURRENTLY orders_customer_id_idx ON orders (customer_id);
VACUUM (ANALYZE) orders;
