-- Rename plus an updatable compatibility view with the old name, in one short transaction.
BEGIN;
SET LOCAL lock_timeout = '2s';
ALTER TABLE customers RENAME TO accounts;
CREATE VIEW customers AS SELECT * FROM accounts;
COMMIT;
