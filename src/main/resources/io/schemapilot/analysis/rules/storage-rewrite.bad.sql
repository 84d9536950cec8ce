-- Copies all of events into the new tablespace under ACCESS EXCLUSIVE.
ALTER TABLE events SET TABLESPACE fast_ssd;
