-- expect: type-bounded-char
CREATE TABLE codes (id bigint PRIMARY KEY, code char(3));
