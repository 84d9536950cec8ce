-- sp: --pg-version=10
-- sq: --pg-version=10.0
-- forbid: add-column-default-pre-pg11
-- verdict: deliberate
-- why: the table is created earlier in this migration, so it is new and empty: no lock or scan hazard (squawk exempts only a table created in the same transaction, and not for every rule)
CREATE TABLE notes (id bigint PRIMARY KEY);
ALTER TABLE notes ADD COLUMN status text DEFAULT 'new';
