-- sp: --pg-version=18
-- sq: --pg-version=18.0
-- forbid: add-column-generated-stored
-- verdict: squawk wrong
-- why: PG 18 VIRTUAL generated columns are computed on read: no rewrite; squawk 2.66 flags every generated column
ALTER TABLE users ADD COLUMN email_lower text GENERATED ALWAYS AS (lower(email)) VIRTUAL;
