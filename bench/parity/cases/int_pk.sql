-- expect: type-int-key-overflow
CREATE TABLE widgets (id int PRIMARY KEY, name text);
