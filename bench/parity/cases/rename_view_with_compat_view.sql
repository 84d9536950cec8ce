-- forbid: rename-table
-- note: a view with the old name over the renamed one, in the same transaction: old readers keep working
BEGIN;
ALTER VIEW active_users RENAME TO current_users;
CREATE VIEW active_users AS SELECT * FROM current_users;
COMMIT;
