-- forbid: add-column-not-null-no-default
-- verdict: deliberate
-- why: the table is created earlier in this migration, so it is new and empty: no lock or scan hazard (squawk exempts only a table created in the same transaction, and not for every rule)
CREATE TABLE tenants (id bigint PRIMARY KEY);
ALTER TABLE tenants ADD COLUMN name text NOT NULL;
