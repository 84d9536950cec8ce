-- Blocks writes to orders (and reads that use the index) until the rebuild ends.
REINDEX INDEX orders_customer_id_idx;
