CREATE UNIQUE INDEX CONCURRENTLY accounts_pkey ON accounts (id);
-- Nothing says id is NOT NULL: the implicit SET NOT NULL scans accounts under ACCESS EXCLUSIVE.
ALTER TABLE accounts ADD CONSTRAINT accounts_pkey PRIMARY KEY USING INDEX accounts_pkey;
