-- expect: create-index-non-concurrent
CREATE INDEX ON users (email);
