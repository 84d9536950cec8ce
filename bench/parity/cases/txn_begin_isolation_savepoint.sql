-- forbid: transaction-nesting,uncommitted-transaction
BEGIN ISOLATION LEVEL SERIALIZABLE;
SAVEPOINT s1;
ALTER TABLE users ADD COLUMN nickname text;
RELEASE SAVEPOINT s1;
COMMIT;
