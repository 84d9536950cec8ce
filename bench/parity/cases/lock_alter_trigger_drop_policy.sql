-- expect: missing-lock-timeout
-- compare: timeouts
-- note: ACCESS EXCLUSIVE (pg_locks, PG 15)
ALTER TRIGGER orders_audit ON orders RENAME TO orders_audit_trg;
DROP POLICY orders_tenant ON orders;
