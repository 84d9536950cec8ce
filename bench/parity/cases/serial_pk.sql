-- expect: type-serial-not-identity,type-int-key-overflow
CREATE TABLE widgets (id serial PRIMARY KEY, name text);
