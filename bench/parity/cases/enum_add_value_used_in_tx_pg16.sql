-- expect: enum-add-value-in-transaction
-- note: PG 12+: unsafe use of new value 'refunded' fails the UPDATE
BEGIN;
ALTER TYPE order_status ADD VALUE 'refunded' AFTER 'paid';
UPDATE orders SET status = 'refunded' WHERE refunded_at IS NOT NULL;
COMMIT;
