-- forbid: add-column-volatile-default
-- note: table created in this migration is empty
-- verdict: deliberate
-- why: the table is created earlier in this migration, so it is new and empty: no lock or scan hazard (squawk exempts only a table created in the same transaction, and not for every rule)
CREATE TABLE sessions (id bigint PRIMARY KEY);
ALTER TABLE sessions ADD COLUMN token uuid DEFAULT gen_random_uuid();
