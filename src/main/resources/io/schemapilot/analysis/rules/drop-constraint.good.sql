-- A table created in this migration: nobody uses it yet.
CREATE TABLE coupons (id bigint PRIMARY KEY, code text CONSTRAINT coupons_code_check CHECK (code <> ''));
ALTER TABLE coupons DROP CONSTRAINT coupons_code_check;

-- Contract phase on a live table, after the code stopped relying on the key, under a short lock_timeout.
SET lock_timeout = '2s';
-- schemapilot:ignore drop-constraint contract phase: nothing relies on this key since release 2024.06
ALTER TABLE orders DROP CONSTRAINT orders_customer_id_fkey;
