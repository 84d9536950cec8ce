-- sp: --schema=SCHEMA
-- forbid: alter-column-type-rewrite,alter-column-type-lossy
-- verdict: deliberate
-- why: varchar(40) to varchar(200): no rewrite (relfilenode unchanged on PG 15)
ALTER TABLE users ALTER COLUMN nick TYPE varchar(200);
