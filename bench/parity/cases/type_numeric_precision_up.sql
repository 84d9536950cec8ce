-- sp: --schema=SCHEMA
-- forbid: alter-column-type-rewrite,alter-column-type-lossy
-- verdict: deliberate
-- why: numeric(12,2) to numeric(14,2) keeps the scale: no rewrite (relfilenode unchanged on PG 15)
ALTER TABLE orders ALTER COLUMN total TYPE numeric(14,2);
