-- Name the dependents; RESTRICT (the default) fails if anything else still depends on customers.
DROP VIEW customer_summary;
ALTER TABLE orders DROP CONSTRAINT orders_customer_id_fkey;
DROP TABLE customers RESTRICT;
