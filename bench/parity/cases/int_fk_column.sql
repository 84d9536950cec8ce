-- note: deliberate: the referenced key's type is unknown without a catalog; an int FK to an int key is the key's problem
-- verdict: deliberate
-- why: we flag int keys (primary keys, identity/serial, and foreign keys to a known bigint key); squawk flags every int column
CREATE TABLE widget_parts (id bigint PRIMARY KEY, widget_id int REFERENCES widgets (id));
