ALTER TABLE orders ADD CONSTRAINT orders_user_id_fkey FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID;
-- Separate transaction (autocommit here): reads and writes of both tables go on.
ALTER TABLE orders VALIDATE CONSTRAINT orders_user_id_fkey;

-- A new referencing table has no rows to check.
CREATE TABLE order_notes (id bigint PRIMARY KEY, order_id bigint);
ALTER TABLE order_notes ADD CONSTRAINT order_notes_order_id_fkey FOREIGN KEY (order_id) REFERENCES orders (id);
