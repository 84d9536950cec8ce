-- expect: create-index-non-concurrent,create-unique-index-duplicates
CREATE UNIQUE INDEX IF NOT EXISTS users_email_key ON users (email);
