-- sp: --pg-version=10
-- sq: --pg-version=10.0
-- forbid: add-column-default-pre-pg11
-- note: DEFAULT NULL is no default: no rewrite even before PG 11
-- verdict: squawk wrong
-- why: DEFAULT NULL stores no default (AddRelationNewConstraints skips a NULL constant), so PG 10 does not rewrite
ALTER TABLE users ADD COLUMN note text DEFAULT NULL;
