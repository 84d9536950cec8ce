-- sp: --schema=SCHEMA
-- expect: alter-column-type-lossy
-- note: users.nick is varchar(40) in the schema file
ALTER TABLE users ALTER COLUMN nick TYPE varchar(10);
