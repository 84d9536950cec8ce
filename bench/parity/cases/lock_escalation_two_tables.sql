-- expect: lock-held-across-statements
BEGIN;
ALTER TABLE orders ADD COLUMN note text;
ALTER TABLE users ADD COLUMN note text;
COMMIT;
