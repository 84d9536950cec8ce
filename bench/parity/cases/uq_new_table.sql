-- forbid: add-unique-constraint-inline-index
-- verdict: deliberate
-- why: the table is created earlier in this migration, so it is new and empty: no lock or scan hazard (squawk exempts only a table created in the same transaction, and not for every rule)
CREATE TABLE handles (id bigint PRIMARY KEY, handle text);
ALTER TABLE handles ADD CONSTRAINT handles_handle_key UNIQUE (handle);
