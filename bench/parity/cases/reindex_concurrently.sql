-- forbid: reindex-non-concurrent
REINDEX TABLE CONCURRENTLY orders;
