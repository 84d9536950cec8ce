-- forbid: rename-table
-- note: rename + compatibility view in one transaction is the safe idiom
-- verdict: deliberate
-- why: rename + a compatibility view of the old name in one transaction keeps old readers working
BEGIN;
ALTER TABLE users RENAME TO accounts;
CREATE VIEW users AS SELECT * FROM accounts;
COMMIT;
