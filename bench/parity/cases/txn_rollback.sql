-- forbid: uncommitted-transaction
BEGIN;
ALTER TABLE users ADD COLUMN nickname text;
ROLLBACK;
