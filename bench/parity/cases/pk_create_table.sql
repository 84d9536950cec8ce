-- forbid: add-primary-key-inline-index
CREATE TABLE items2 (id bigint PRIMARY KEY, name text);
