-- expect: add-column-volatile-default
ALTER TABLE users ADD COLUMN token uuid DEFAULT uuid_generate_v4();
