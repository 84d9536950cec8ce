-- expect: missing-lock-timeout,missing-statement-timeout
-- compare: timeouts
-- note: 0 disables the timeout
SET lock_timeout = 0;
SET statement_timeout = 0;
ALTER TABLE users ADD COLUMN nickname text;
