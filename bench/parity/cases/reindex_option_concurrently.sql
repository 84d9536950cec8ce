-- forbid: reindex-non-concurrent
REINDEX (CONCURRENTLY, VERBOSE) INDEX orders_pkey;
