-- Expand: add the new column; the old one stays until no code uses it.
ALTER TABLE users ADD COLUMN email_address text;

-- Renaming a column of a table created in this same migration breaks nobody.
CREATE TABLE user_invites (id bigint PRIMARY KEY, mail text);
ALTER TABLE user_invites RENAME COLUMN mail TO email;
