SET lock_timeout = '2s';
-- One blocking DDL statement per transaction: each lock is released as soon as its change is done.
BEGIN;
ALTER TABLE orders ADD COLUMN customer_tier text;
COMMIT;

BEGIN;
ALTER TABLE customers ADD COLUMN tier text;
COMMIT;
