-- expect: truncate-table
TRUNCATE audit_log;
