-- forbid: missing-lock-timeout,missing-statement-timeout
-- compare: timeouts
SET SESSION lock_timeout TO '2s';
SET statement_timeout TO 300000;
ALTER TABLE users ADD COLUMN nickname text;
