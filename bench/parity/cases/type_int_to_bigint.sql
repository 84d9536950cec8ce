-- expect: alter-column-type-rewrite
ALTER TABLE orders ALTER COLUMN id TYPE bigint;
