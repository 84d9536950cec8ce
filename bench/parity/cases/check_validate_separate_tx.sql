-- forbid: validate-constraint-same-transaction,add-check-constraint-validating
BEGIN;
ALTER TABLE orders ADD CONSTRAINT orders_total_pos CHECK (total >= 0) NOT VALID;
COMMIT;
BEGIN;
ALTER TABLE orders VALIDATE CONSTRAINT orders_total_pos;
COMMIT;
