-- before: _snn_earlier_add.sql,_snn_earlier_validate.sql
-- forbid: set-not-null-full-scan
-- note: three files in one run (the CHECK added NOT VALID, validated, then SET NOT NULL): PG 15 proves NOT NULL from the validated CHECK, no scan
ALTER TABLE users ALTER COLUMN email SET NOT NULL;
ALTER TABLE users DROP CONSTRAINT users_email_nn;
