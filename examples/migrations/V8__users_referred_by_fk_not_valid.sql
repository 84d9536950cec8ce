-- SAFE: a foreign key in two steps (compare V4, which adds one in a single validating step).
-- 1. NOT VALID: only new and updated rows are checked; the ALTER needs its lock for an instant.
BEGIN;
SET LOCAL lock_timeout = '2s';
ALTER TABLE users
    ADD CONSTRAINT users_referred_by_fkey FOREIGN KEY (referred_by) REFERENCES users (id) NOT VALID;
COMMIT;

-- 2. VALIDATE in its own transaction: scans the existing rows under SHARE UPDATE EXCLUSIVE,
--    which lets reads and writes go on.
BEGIN;
ALTER TABLE users VALIDATE CONSTRAINT users_referred_by_fkey;
COMMIT;
