-- expect: alter-column-type-rewrite
ALTER TABLE orders ALTER id TYPE bigint;
