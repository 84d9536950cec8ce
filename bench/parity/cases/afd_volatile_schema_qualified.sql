-- expect: add-column-volatile-default
ALTER TABLE users ADD COLUMN token uuid DEFAULT pg_catalog.gen_random_uuid();
