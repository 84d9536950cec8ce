-- expect: reindex-non-concurrent
REINDEX DATABASE app;
