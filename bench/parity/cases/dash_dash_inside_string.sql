-- expect: drop-table
INSERT INTO notes (body) VALUES ('-- not a comment'); DROP TABLE legacy_events;
