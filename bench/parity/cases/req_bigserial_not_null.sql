-- expect: add-column-auto-increment
-- forbid: add-column-not-null-no-default
-- verdict: squawk wrong
-- why: bigserial NOT NULL has a default (nextval), so it is not a required field; the real hazard is the rewrite that fills every row, which squawk misses
ALTER TABLE events ADD COLUMN id bigserial NOT NULL;
