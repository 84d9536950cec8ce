-- expect: type-bounded-char
ALTER TABLE users ADD COLUMN nick character varying(40);
