-- Locks orders and customers (the referenced table) while it waits for running queries.
ALTER TABLE orders DROP CONSTRAINT orders_customer_id_fkey;
