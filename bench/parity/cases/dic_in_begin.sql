-- expect: concurrently-in-transaction
-- why: squawk's ban-concurrent-index-creation-in-transaction covers CREATE INDEX only; DROP INDEX CONCURRENTLY fails in a transaction block too
BEGIN;
DROP INDEX CONCURRENTLY users_email_idx;
COMMIT;
