-- forbid: rename-table,rename-column
ALTER INDEX users_email_idx RENAME TO users_email_key_idx;
ALTER TABLE users RENAME CONSTRAINT users_email_check TO users_email_ck;
