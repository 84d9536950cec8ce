-- expect: domain-constraint
-- note: PG <= 18 holds SHARE on every table using the domain during the check (pg_locks, PG 15); PG 19 lowers it to SHARE UPDATE EXCLUSIVE
ALTER DOMAIN positive_int VALIDATE CONSTRAINT positive;
