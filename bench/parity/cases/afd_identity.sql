-- expect: add-column-auto-increment
ALTER TABLE events ADD COLUMN id bigint GENERATED ALWAYS AS IDENTITY;
