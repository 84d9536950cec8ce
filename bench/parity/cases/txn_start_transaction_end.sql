-- forbid: uncommitted-transaction,transaction-nesting
START TRANSACTION;
ALTER TABLE users ADD COLUMN nickname text;
END;
