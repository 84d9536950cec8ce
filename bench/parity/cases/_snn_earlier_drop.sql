-- Not a case: drops the CHECK of _snn_earlier_add.sql (for snn_check_dropped_in_earlier_file.sql).
ALTER TABLE users DROP CONSTRAINT users_email_nn;
