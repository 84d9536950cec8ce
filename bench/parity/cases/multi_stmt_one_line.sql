-- expect: create-index-non-concurrent,drop-table,drop-column
CREATE INDEX users_email_idx ON users (email); DROP TABLE legacy_events; ALTER TABLE users DROP COLUMN legacy_flag;
