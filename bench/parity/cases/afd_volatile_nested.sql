-- expect: add-column-volatile-default
ALTER TABLE users ADD COLUMN bucket bigint DEFAULT floor(random() * 10)::bigint;
