-- Builds the GiST index and checks every booking under ACCESS EXCLUSIVE.
ALTER TABLE bookings ADD CONSTRAINT bookings_no_overlap EXCLUDE USING gist (room_id WITH =, during WITH &&);
