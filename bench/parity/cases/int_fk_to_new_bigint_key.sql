-- expect: type-int-key-overflow
-- note: an int foreign key to a bigint key
CREATE TABLE widgets (id bigint PRIMARY KEY);
CREATE TABLE widget_parts (id bigint PRIMARY KEY, widget_id int REFERENCES widgets (id));
