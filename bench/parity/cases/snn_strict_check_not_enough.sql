-- expect: set-not-null-full-scan
-- note: a CHECK passes on NULL, so CHECK (id > 0) proves nothing
-- verdict: squawk misses
-- why: a CHECK passes on NULL, so a validated CHECK (id > 0) proves nothing and PG 15 scans; squawk treats any validated CHECK as proof
ALTER TABLE users ADD CONSTRAINT users_id_pos CHECK (id > 0) NOT VALID;
ALTER TABLE users VALIDATE CONSTRAINT users_id_pos;
ALTER TABLE users ALTER COLUMN id SET NOT NULL;
