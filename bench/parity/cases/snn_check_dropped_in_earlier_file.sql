-- before: _snn_earlier_add.sql,_snn_earlier_validate.sql,_snn_earlier_drop.sql
-- expect: set-not-null-full-scan
-- note: the CHECK validated in an earlier file was dropped by a later one: nothing proves NOT NULL, PG scans
ALTER TABLE users ALTER COLUMN email SET NOT NULL;
