-- forbid: type-serial-not-identity,type-int-key-overflow
CREATE TABLE widgets (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name text);
