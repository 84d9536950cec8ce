-- expect: storage-rewrite
ALTER TABLE orders SET LOGGED;
ALTER TABLE orders SET ACCESS METHOD heap;
