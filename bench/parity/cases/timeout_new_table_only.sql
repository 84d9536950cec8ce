-- forbid: missing-lock-timeout
-- compare: timeouts
-- note: no lock on an existing table
-- verdict: deliberate
-- why: the table is created earlier in this migration, so it is new and empty: no lock or scan hazard (squawk exempts only a table created in the same transaction, and not for every rule); no lock on a pre-existing table, so no lock_timeout is needed
CREATE TABLE notes (id bigint PRIMARY KEY, body text);
CREATE INDEX notes_body_idx ON notes (body);
