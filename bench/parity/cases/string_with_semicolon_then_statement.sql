-- expect: create-index-non-concurrent
INSERT INTO notes (body) VALUES ('a;b'); CREATE INDEX notes_body_idx ON notes (body);
