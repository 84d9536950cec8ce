CREATE INDEX CONCURRENTLY orders_open_customer_created_idx
    ON orders (customer_id, created_at) WHERE status = 'open';
