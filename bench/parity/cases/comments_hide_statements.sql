-- forbid: drop-table,drop-column
-- note: PostgreSQL block comments nest
-- DROP TABLE legacy_events;
/* ALTER TABLE users DROP COLUMN legacy_flag; */
/* nested /* DROP TABLE orders; */ still a comment; DROP TABLE users; */
SELECT 1;
