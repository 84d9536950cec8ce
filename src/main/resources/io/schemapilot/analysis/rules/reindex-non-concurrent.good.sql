-- PostgreSQL 12+: rebuilds next to the old index, outside a transaction.
REINDEX INDEX CONCURRENTLY orders_customer_id_idx;
REINDEX TABLE CONCURRENTLY customers;
