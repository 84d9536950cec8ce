-- Empties a live table: every audit event is lost after commit.
TRUNCATE audit_events;
