-- forbid: drop-column,drop-table
-- note: a function body does not run when it is created
CREATE OR REPLACE FUNCTION purge_legacy() RETURNS void LANGUAGE plpgsql AS $fn$
BEGIN
  ALTER TABLE users DROP COLUMN legacy_flag;
  DROP TABLE legacy_events;
END
$fn$;
