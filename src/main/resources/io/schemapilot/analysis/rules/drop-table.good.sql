-- A staging table created in this same migration holds nothing anyone else relies on.
CREATE TABLE import_staging (id bigint, payload jsonb);
INSERT INTO import_staging SELECT id, payload FROM raw_events;
DROP TABLE import_staging;
