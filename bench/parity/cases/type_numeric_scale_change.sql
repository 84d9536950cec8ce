-- sp: --schema=SCHEMA
-- expect: alter-column-type-lossy|alter-column-type-rewrite
-- note: numeric(12,2) to (12,4) rewrites and loses two integer digits (a lossy finding also says it rewrites)
ALTER TABLE orders ALTER COLUMN total TYPE numeric(12,4);
