-- expect: rename-table
-- note: renaming a view breaks its readers as a table rename does (PG 15: ACCESS EXCLUSIVE on the view; the old name is gone)
ALTER VIEW active_users RENAME TO current_users;
