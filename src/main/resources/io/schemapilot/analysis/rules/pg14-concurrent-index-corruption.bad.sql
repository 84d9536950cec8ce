-- pg-version: 14.2
-- On 14.0-14.3 this can build an index that misses rows updated during the build.
CREATE INDEX CONCURRENTLY orders_created_at_idx ON orders (created_at);
