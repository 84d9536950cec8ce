-- sp: --pg-version=10
-- sq: --pg-version=10.0
-- expect: add-column-default-pre-pg11
ALTER TABLE users ADD COLUMN status text DEFAULT 'new';
