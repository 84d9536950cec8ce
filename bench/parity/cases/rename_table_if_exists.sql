-- expect: rename-table
ALTER TABLE IF EXISTS users RENAME TO accounts;
