-- sp: --pg-version=11
-- sq: --pg-version=11.0
-- expect: enum-add-value-in-transaction
BEGIN;
ALTER TYPE order_status ADD VALUE 'refunded' AFTER 'paid';
COMMIT;
