-- forbid: create-index-non-concurrent
-- verdict: deliberate
-- why: the table is created earlier in this migration, so it is new and empty: no lock or scan hazard (squawk exempts only a table created in the same transaction, and not for every rule)
CREATE TABLE app.notes (id bigint PRIMARY KEY, author_id bigint);
CREATE INDEX notes_author_idx ON app.notes (author_id);
