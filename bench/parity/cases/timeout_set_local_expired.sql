-- expect: missing-lock-timeout
-- compare: timeouts
-- note: SET LOCAL ends with its transaction
BEGIN;
SET LOCAL lock_timeout = '2s';
COMMIT;
ALTER TABLE users ADD COLUMN nickname text;
