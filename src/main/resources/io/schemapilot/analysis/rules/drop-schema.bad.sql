-- Deletes every table of the reporting schema with all its rows.
DROP SCHEMA reporting CASCADE;
