-- expect: missing-lock-timeout
-- compare: timeouts
-- note: '0ms' is 0: no timeout
SET lock_timeout = '0ms';
ALTER TABLE users ADD COLUMN nickname text;
