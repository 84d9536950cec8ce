-- Not a case: the first file of snn_check_validated_in_earlier_files.sql's run.
ALTER TABLE users ADD CONSTRAINT users_email_nn CHECK (email IS NOT NULL) NOT VALID;
