-- sp: --schema=SCHEMA
-- forbid: alter-column-type-rewrite,alter-column-type-lossy
-- verdict: deliberate
-- why: varchar to text is binary-coercible: no rewrite
ALTER TABLE users ALTER COLUMN nick SET DATA TYPE text;
