-- forbid: add-column-volatile-default
-- verdict: squawk wrong
-- why: CURRENT_DATE and timezone('utc', now()) are STABLE: fast default, relfilenode unchanged on PG 15; squawk only knows argument-less non-volatile calls
ALTER TABLE users ADD COLUMN d date DEFAULT CURRENT_DATE;
ALTER TABLE users ADD COLUMN t timestamptz DEFAULT statement_timestamp();
ALTER TABLE users ADD COLUMN u timestamp DEFAULT timezone('utc', NOW());
