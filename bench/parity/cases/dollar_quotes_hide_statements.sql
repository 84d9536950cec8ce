-- forbid: drop-table,truncate-table
SELECT $tag$ DROP TABLE legacy_events; $tag$ AS s, $$ TRUNCATE orders; $$ AS t;
SELECT E'it\'s; DROP TABLE users;' AS u;
