-- sp: --pg-version=18
-- sq: --pg-version=18.0
-- expect: domain-constraint
-- note: PostgreSQL 18 still takes SHARE on every using table (the lower lock is in the PostgreSQL 19 release notes)
ALTER DOMAIN positive_int VALIDATE CONSTRAINT positive;
