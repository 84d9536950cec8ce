-- forbid: non-idempotent-statement
-- compare: robust
BEGIN;
ALTER TABLE users ADD COLUMN nickname text;
CREATE TABLE notes (id bigint PRIMARY KEY);
COMMIT;
