-- forbid: alter-column-type-lossy
-- note: deliberate: without a catalog the old type is unknown (text to varchar(80) would rewrite), so it is reported as an assumed rewrite; see type_varchar_widen_catalog
-- verdict: agree
-- why: both flag it: without a catalog the old type is unknown, so we report an assumed rewrite and ask for --schema/--db
ALTER TABLE users ALTER COLUMN nick TYPE varchar(80);
