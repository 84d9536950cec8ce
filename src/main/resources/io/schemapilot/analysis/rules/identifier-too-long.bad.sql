-- 65 bytes: PostgreSQL keeps only the first 63.
CREATE INDEX CONCURRENTLY orders_customer_id_created_at_status_shipping_country_partial_idx
    ON orders (customer_id, created_at) WHERE status = 'open';
