-- expect: create-index-non-concurrent
create INDEX users_active_idx ON users (email) INCLUDE (id) WHERE deleted_at IS NULL;
