-- sp: --assume-in-transaction
-- sq: --assume-in-transaction
-- expect: transaction-nesting
BEGIN;
ALTER TABLE users ADD COLUMN nickname text;
COMMIT;
