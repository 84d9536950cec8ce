-- forbid: create-index-non-concurrent
-- note: USERS2 folds to users2, the table created above
-- verdict: deliberate
-- why: the table is created earlier in this migration, so it is new and empty: no lock or scan hazard (squawk exempts only a table created in the same transaction, and not for every rule) (USERS2 folds to the "users2" created above)
CREATE TABLE "users2" (id bigint PRIMARY KEY, email text);
CREATE INDEX users2_email_idx ON USERS2 (email);
