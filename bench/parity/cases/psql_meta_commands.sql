-- expect: create-index-non-concurrent,drop-table
-- verdict: squawk misses
-- why: squawk 2.66 stops at the psql meta-command (syntax-error) and reports nothing else
\set ON_ERROR_STOP on
CREATE INDEX users_email_idx ON users (email);
\echo done
DROP TABLE legacy_events;
