-- expect: cascade-to-dependents,truncate-table
TRUNCATE TABLE audit_log CASCADE;
