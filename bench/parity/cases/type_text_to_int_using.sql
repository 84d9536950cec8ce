-- expect: alter-column-type-rewrite|alter-column-type-lossy
ALTER TABLE users ALTER COLUMN zip TYPE bigint USING zip::bigint;
