-- expect: transaction-nesting
BEGIN;
BEGIN;
ALTER TABLE users ADD COLUMN nickname text;
COMMIT;
