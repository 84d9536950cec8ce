-- expect: transaction-nesting
ALTER TABLE users ADD COLUMN nickname text;
COMMIT;
