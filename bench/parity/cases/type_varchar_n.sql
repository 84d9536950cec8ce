-- expect: type-bounded-char
CREATE TABLE codes (id bigint PRIMARY KEY, code varchar(100));
