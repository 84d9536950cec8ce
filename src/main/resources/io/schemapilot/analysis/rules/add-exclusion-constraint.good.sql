-- A table created in this migration is empty and unseen: the constraint costs nothing there.
CREATE TABLE room_bookings (id bigint PRIMARY KEY, room_id bigint NOT NULL, during tstzrange NOT NULL);
ALTER TABLE room_bookings ADD CONSTRAINT room_bookings_no_overlap EXCLUDE USING gist (room_id WITH =, during WITH &&);
