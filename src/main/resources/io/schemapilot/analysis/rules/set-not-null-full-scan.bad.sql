-- Scans all of orders under ACCESS EXCLUSIVE to prove there is no NULL.
ALTER TABLE orders ALTER COLUMN customer_id SET NOT NULL;
