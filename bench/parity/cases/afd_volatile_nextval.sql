-- expect: add-column-volatile-default
ALTER TABLE users ADD COLUMN seq_no bigint DEFAULT nextval('users_seq');
