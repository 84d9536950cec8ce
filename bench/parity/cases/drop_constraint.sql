-- expect: drop-constraint
ALTER TABLE orders DROP CONSTRAINT orders_user_fk;
