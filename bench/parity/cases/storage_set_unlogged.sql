-- expect: storage-rewrite
ALTER TABLE orders SET UNLOGGED;
