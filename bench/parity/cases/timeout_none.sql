-- expect: missing-lock-timeout,missing-statement-timeout
-- compare: timeouts
ALTER TABLE users ADD COLUMN nickname text;
