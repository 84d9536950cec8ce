-- forbid: missing-lock-timeout
-- compare: timeouts
-- note: SHARE UPDATE EXCLUSIVE (pg_locks, PG 15): blocks no reads or writes
-- verdict: deliberate
-- why: SHARE UPDATE EXCLUSIVE (pg_locks, PG 15) blocks no reads or writes; we require lock_timeout for SHARE or stronger
ALTER TABLE orders ALTER COLUMN total SET (n_distinct = 100);
