-- expect: add-primary-key-inline-index,add-column-auto-increment
-- why: as afd_bigserial
ALTER TABLE items ADD COLUMN id bigserial PRIMARY KEY;
