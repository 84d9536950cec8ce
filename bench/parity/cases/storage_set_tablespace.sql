-- expect: storage-rewrite
ALTER TABLE orders SET TABLESPACE fast_ssd;
