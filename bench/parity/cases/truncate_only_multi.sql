-- expect: truncate-table
TRUNCATE ONLY audit_log, audit_log_archive RESTART IDENTITY;
