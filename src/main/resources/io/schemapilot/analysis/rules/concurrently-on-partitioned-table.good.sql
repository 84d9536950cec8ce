CREATE TABLE events (id bigint NOT NULL, created_at timestamptz NOT NULL) PARTITION BY RANGE (created_at);
CREATE TABLE events_2024 PARTITION OF events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
-- The parent index ON ONLY the parent, then each partition concurrently, then attach.
CREATE INDEX events_created_at_idx ON ONLY events (created_at);
CREATE INDEX CONCURRENTLY events_2024_created_at_idx ON events_2024 (created_at);
ALTER INDEX events_created_at_idx ATTACH PARTITION events_2024_created_at_idx;
