-- note: PG <= 17 holds SHARE on every table using the domain during the check (pg_locks, PG 15)
ALTER DOMAIN positive_int VALIDATE CONSTRAINT positive;
