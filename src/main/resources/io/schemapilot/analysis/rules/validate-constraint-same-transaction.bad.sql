BEGIN;
ALTER TABLE orders ADD CONSTRAINT orders_user_id_fkey FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID;
-- Scans orders while the SHARE ROW EXCLUSIVE lock from the ADD is still held.
ALTER TABLE orders VALIDATE CONSTRAINT orders_user_id_fkey;
COMMIT;
