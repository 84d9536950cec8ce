-- expect: type-serial-not-identity
-- forbid: type-int-key-overflow
CREATE TABLE widgets (id bigserial PRIMARY KEY, name text);
