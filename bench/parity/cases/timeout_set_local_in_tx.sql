-- forbid: missing-lock-timeout,missing-statement-timeout
-- compare: timeouts
BEGIN;
SET LOCAL lock_timeout = '2s';
SET LOCAL statement_timeout = '5min';
ALTER TABLE users ADD COLUMN nickname text;
COMMIT;
