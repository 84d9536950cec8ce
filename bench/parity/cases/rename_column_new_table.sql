-- forbid: rename-column
-- verdict: deliberate
-- why: nothing can read a column of a table created in this migration yet
CREATE TABLE drafts (id bigint PRIMARY KEY, body text);
ALTER TABLE drafts RENAME COLUMN body TO content;
