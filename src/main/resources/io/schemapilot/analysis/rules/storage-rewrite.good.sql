-- Build the copy in the target tablespace (pg_repack --tablespace does this online), then swap names.
CREATE TABLE events_new (LIKE events INCLUDING ALL) TABLESPACE fast_ssd;

-- A table created in this same migration is empty: changing its persistence costs nothing.
CREATE UNLOGGED TABLE events_import (id bigint, payload jsonb);
ALTER TABLE events_import SET LOGGED;
