-- UNSAFE (destructive): dropping a column.
-- Its data is gone for good, and application code that still reads it breaks at once.
-- Safe version: stop reading and writing it in the app, release, back it up, then drop it.
ALTER TABLE orders DROP COLUMN legacy_code;
