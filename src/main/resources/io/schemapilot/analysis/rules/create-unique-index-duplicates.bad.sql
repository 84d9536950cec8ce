-- Fails (leaving an INVALID index) if two users already share an email.
CREATE UNIQUE INDEX CONCURRENTLY users_email_key ON users (email);
