-- expect: validate-constraint-same-transaction
BEGIN;
ALTER TABLE orders ADD CONSTRAINT orders_total_pos CHECK (total >= 0) NOT VALID;
ALTER TABLE orders VALIDATE CONSTRAINT orders_total_pos;
COMMIT;
