-- forbid: create-index-non-concurrent
-- note: ON ONLY builds nothing: an invalid index on the parent alone
-- verdict: deliberate
-- why: ON ONLY on a partitioned parent builds nothing (an invalid parent index, step 1 of the partitioned recipe); with a catalog we still flag ON ONLY on a plain table, where it builds a full index
CREATE INDEX measurements_at_idx ON ONLY measurements (at);
