-- Not a case: the second file of snn_check_validated_in_earlier_files.sql's run.
ALTER TABLE users VALIDATE CONSTRAINT users_email_nn;
