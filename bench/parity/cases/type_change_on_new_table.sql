-- forbid: alter-column-type-rewrite
-- verdict: deliberate
-- why: the table is created earlier in this migration, so it is new and empty: no lock or scan hazard (squawk exempts only a table created in the same transaction, and not for every rule)
CREATE TABLE drafts (id int PRIMARY KEY, body varchar(100));
ALTER TABLE drafts ALTER COLUMN id TYPE bigint;
