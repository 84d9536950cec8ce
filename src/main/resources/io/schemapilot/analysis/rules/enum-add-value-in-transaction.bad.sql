-- The UPDATE fails with "unsafe use of new value": the label is not committed yet.
BEGIN;
ALTER TYPE order_status ADD VALUE 'refunded' AFTER 'paid';
UPDATE orders SET status = 'refunded' WHERE refund_id IS NOT NULL;
COMMIT;
