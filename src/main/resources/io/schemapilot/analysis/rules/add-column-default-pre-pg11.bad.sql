-- pg-version: 10
-- PostgreSQL 10 writes 'new' into every existing row: a full rewrite under ACCESS EXCLUSIVE.
ALTER TABLE orders ADD COLUMN status text DEFAULT 'new';
