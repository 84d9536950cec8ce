-- expect: rename-table
-- note: ALTER MATERIALIZED VIEW ... RENAME TO: ACCESS EXCLUSIVE on it (pg_locks, PG 15), then readers of the old name fail
ALTER MATERIALIZED VIEW IF EXISTS daily_totals RENAME TO daily_sums;
