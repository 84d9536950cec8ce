-- forbid: create-index-non-concurrent
-- verdict: deliberate
-- why: the table is created earlier in this migration, so it is new and empty: no lock or scan hazard (squawk exempts only a table created in the same transaction, and not for every rule); a TEMP table is private to the session anyway
CREATE TEMP TABLE import_rows (id bigint, email text);
CREATE INDEX import_rows_email_idx ON import_rows (email);
