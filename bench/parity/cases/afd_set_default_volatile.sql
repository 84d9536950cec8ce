-- forbid: add-column-volatile-default
-- note: SET DEFAULT only affects rows inserted later: no rewrite
ALTER TABLE users ALTER COLUMN token SET DEFAULT gen_random_uuid();
