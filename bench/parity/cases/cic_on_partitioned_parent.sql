-- expect: concurrently-on-partitioned-table
CREATE TABLE events_p (id bigint, at timestamptz) PARTITION BY RANGE (at);
CREATE INDEX CONCURRENTLY events_p_at_idx ON events_p (at);
