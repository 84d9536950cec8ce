-- note: renaming a view breaks its readers as a table rename does
ALTER VIEW active_users RENAME TO current_users;
