-- expect: add-column-auto-increment
-- why: adding-field-with-default misses serial columns: every existing row gets a nextval(), a rewrite
ALTER TABLE events ADD COLUMN id bigserial;
