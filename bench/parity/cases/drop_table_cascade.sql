-- expect: drop-table,cascade-to-dependents
-- why: squawk's ban-truncate-cascade covers TRUNCATE only; DROP ... CASCADE also drops dependent views and foreign keys
DROP TABLE legacy_events CASCADE;
