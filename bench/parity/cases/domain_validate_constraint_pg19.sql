-- sp: --pg-version=19
-- sq: --pg-version=19.0
-- forbid: domain-constraint
-- note: PostgreSQL 19 validates a domain constraint under SHARE UPDATE EXCLUSIVE, as ALTER TABLE ... VALIDATE CONSTRAINT (release notes: commit 16a0039dc)
ALTER DOMAIN positive_int VALIDATE CONSTRAINT positive;
