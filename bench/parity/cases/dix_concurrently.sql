-- forbid: drop-index-non-concurrent
DROP INDEX CONCURRENTLY IF EXISTS users_email_idx;
