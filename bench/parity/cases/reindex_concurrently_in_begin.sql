-- expect: concurrently-in-transaction
-- why: as dic_in_begin: REINDEX CONCURRENTLY cannot run in a transaction block
BEGIN;
REINDEX INDEX CONCURRENTLY users_email_idx;
COMMIT;
