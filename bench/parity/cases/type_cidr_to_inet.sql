-- sp: --schema=SCHEMA
-- forbid: alter-column-type-rewrite,alter-column-type-lossy
-- verdict: deliberate
-- why: binary-coercible: relfilenode unchanged on PG 15; squawk flags every type change
ALTER TABLE hosts ALTER COLUMN net TYPE inet;
