-- UNSAFE: a validated foreign key.
-- Scans all of payments while holding SHARE ROW EXCLUSIVE on payments and orders: writes to both
-- tables wait for the whole scan. Safe version: NOT VALID, then VALIDATE in its own transaction (see V8).
ALTER TABLE payments ADD CONSTRAINT payments_order_id_fkey FOREIGN KEY (order_id) REFERENCES orders (id);
