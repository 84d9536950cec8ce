-- expect: missing-lock-timeout
-- compare: timeouts
-- note: ACCESS EXCLUSIVE (pg_locks, PG 15)
CREATE RULE orders_notify AS ON INSERT TO orders DO ALSO NOTIFY orders;
