-- forbid: type-bounded-char
CREATE TABLE codes (id bigint PRIMARY KEY, code varchar, label text);
