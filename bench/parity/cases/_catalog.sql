-- The catalog for the cases run with --schema (not a case itself).
CREATE TABLE users (id bigint PRIMARY KEY, email text, nick varchar(40), zip text, prefs json);
CREATE TABLE orders (id integer PRIMARY KEY, user_id bigint, total numeric(12,2));
CREATE TABLE hosts (id bigint PRIMARY KEY, net cidr);
CREATE TABLE accounts (id bigint PRIMARY KEY, email text,
  CONSTRAINT accounts_email_ok CHECK (email IS NOT NULL AND length(email) > 3));
