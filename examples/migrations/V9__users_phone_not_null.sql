-- SAFE: SET NOT NULL without a long lock (PostgreSQL 12+), after the app fills users.phone
-- and a batched backfill has set it on old rows.
SET lock_timeout = '2s';

-- 1. A CHECK that is NOT VALID: an instant catalog change.
ALTER TABLE users ADD CONSTRAINT users_phone_not_null CHECK (phone IS NOT NULL) NOT VALID;

-- 2. Validate it: scans users, but under SHARE UPDATE EXCLUSIVE (reads and writes continue).
ALTER TABLE users VALIDATE CONSTRAINT users_phone_not_null;

-- 3. SET NOT NULL sees the validated CHECK and skips its own full scan.
ALTER TABLE users ALTER COLUMN phone SET NOT NULL;

-- 4. The CHECK is now redundant.
ALTER TABLE users DROP CONSTRAINT users_phone_not_null;
