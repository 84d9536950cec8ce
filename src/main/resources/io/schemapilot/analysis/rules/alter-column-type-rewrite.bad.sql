-- integer to bigint rewrites orders and rebuilds its indexes under ACCESS EXCLUSIVE.
ALTER TABLE orders ALTER COLUMN id TYPE bigint;
