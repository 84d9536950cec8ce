-- expect: alter-column-type-rewrite
ALTER TABLE orders ALTER COLUMN id SET DATA TYPE bigint, ALTER COLUMN user_id TYPE bigint;
