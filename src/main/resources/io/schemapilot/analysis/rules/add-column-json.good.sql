-- jsonb: comparable, indexable, parsed once.
ALTER TABLE events ADD COLUMN payload jsonb;
CREATE TABLE webhooks (id bigint PRIMARY KEY, body jsonb NOT NULL);
