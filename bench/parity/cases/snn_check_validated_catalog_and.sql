-- sp: --schema=SCHEMA
-- forbid: set-not-null-full-scan
-- note: the catalog has CHECK (email IS NOT NULL AND ...)
ALTER TABLE accounts ALTER COLUMN email SET NOT NULL;
