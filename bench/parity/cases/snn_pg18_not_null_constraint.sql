-- sp: --pg-version=18
-- sq: --pg-version=18.0
-- expect: set-not-null-full-scan
ALTER TABLE users ADD CONSTRAINT users_email_nn NOT NULL email;
