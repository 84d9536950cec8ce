-- forbid: transaction-nesting,uncommitted-transaction
BEGIN;
ALTER TABLE users ADD COLUMN nickname text;
COMMIT;
BEGIN WORK;
ALTER TABLE users ADD COLUMN handle text;
COMMIT WORK;
