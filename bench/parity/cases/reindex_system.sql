-- note: REINDEX SYSTEM has no CONCURRENTLY form
-- verdict: deliberate
-- why: squawk skips REINDEX SYSTEM because it has no CONCURRENTLY form; it still blocks, so we report it with a maintenance-window fix, not CONCURRENTLY
REINDEX SYSTEM app;
