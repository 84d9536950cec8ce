-- forbid: storage-rewrite,alter-column-type-rewrite
ALTER TABLE orders SET (fillfactor = 70);
ALTER TABLE orders ALTER COLUMN note SET STORAGE EXTERNAL;
ALTER TABLE orders ALTER COLUMN note SET STATISTICS 1000;
