-- forbid: drop-constraint
-- note: nothing can rely on a constraint added in the same migration
ALTER TABLE orders ADD CONSTRAINT orders_tmp_check CHECK (total >= 0) NOT VALID;
ALTER TABLE orders DROP CONSTRAINT orders_tmp_check;
