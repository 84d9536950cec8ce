-- forbid: missing-lock-timeout,missing-statement-timeout
-- compare: timeouts
-- verdict: squawk wrong
-- why: set_config('lock_timeout', ...) sets the timeout like SET
SELECT set_config('lock_timeout', '2s', false);
SELECT set_config('statement_timeout', '5min', false);
ALTER TABLE users ADD COLUMN nickname text;
