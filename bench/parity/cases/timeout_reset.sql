-- expect: missing-lock-timeout
-- compare: timeouts
-- note: RESET brings back the default (0)
SET lock_timeout = '2s';
RESET lock_timeout;
ALTER TABLE users ADD COLUMN nickname text;
