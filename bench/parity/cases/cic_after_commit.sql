-- forbid: concurrently-in-transaction
BEGIN;
ALTER TABLE users ADD COLUMN nickname text;
COMMIT;
CREATE INDEX CONCURRENTLY users_nickname_idx ON users (nickname);
