-- Fails on the first existing row, and breaks inserts from code that does not know the column.
ALTER TABLE orders ADD COLUMN priority integer NOT NULL;
