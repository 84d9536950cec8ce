-- expect: missing-lock-timeout
-- compare: timeouts
-- note: ACCESS EXCLUSIVE (pg_locks, PG 15)
ALTER TABLE orders RENAME CONSTRAINT orders_total_check TO orders_total_ck;
