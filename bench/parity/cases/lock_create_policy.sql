-- expect: missing-lock-timeout
-- compare: timeouts
-- note: ACCESS EXCLUSIVE (pg_locks, PG 15)
CREATE POLICY orders_tenant ON orders USING (tenant_id = 1);
