-- forbid: create-index-non-concurrent
BEGIN;
CREATE TABLE notes (id bigint PRIMARY KEY, author_id bigint);
CREATE INDEX notes_author_idx ON notes (author_id);
COMMIT;
