-- id is proven NOT NULL first, so attaching the index as primary key needs no scan.
ALTER TABLE accounts ADD CONSTRAINT accounts_id_not_null CHECK (id IS NOT NULL) NOT VALID;
ALTER TABLE accounts VALIDATE CONSTRAINT accounts_id_not_null;
ALTER TABLE accounts ALTER COLUMN id SET NOT NULL;
ALTER TABLE accounts DROP CONSTRAINT accounts_id_not_null;
CREATE UNIQUE INDEX CONCURRENTLY accounts_pkey ON accounts (id);
ALTER TABLE accounts ADD CONSTRAINT accounts_pkey PRIMARY KEY USING INDEX accounts_pkey;
