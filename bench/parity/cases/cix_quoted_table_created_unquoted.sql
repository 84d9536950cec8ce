-- expect: create-index-non-concurrent
-- note: "USERS2" is another table than users2
CREATE TABLE users2 (id bigint PRIMARY KEY, email text);
CREATE INDEX users2_email_idx ON "USERS2" (email);
