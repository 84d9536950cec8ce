-- expect: missing-lock-timeout
-- compare: timeouts
-- note: ACCESS EXCLUSIVE (pg_locks, PG 15)
DROP TRIGGER IF EXISTS orders_audit ON orders;
