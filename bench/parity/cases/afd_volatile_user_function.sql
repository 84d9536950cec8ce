-- expect: add-column-volatile-default
-- note: a user function is VOLATILE unless declared otherwise
ALTER TABLE users ADD COLUMN code text DEFAULT make_code();
