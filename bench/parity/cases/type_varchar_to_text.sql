-- forbid: alter-column-type-lossy
-- note: deliberate: without a catalog the old type is unknown (int to text rewrites), so it is reported as an assumed rewrite
-- verdict: agree
-- why: as type_varchar_widen
ALTER TABLE users ALTER COLUMN nick SET DATA TYPE text;
