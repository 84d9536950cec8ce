-- Builds the unique index under ACCESS EXCLUSIVE: users cannot be read or written meanwhile.
ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE (email);
