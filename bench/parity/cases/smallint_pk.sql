-- expect: type-int-key-overflow
CREATE TABLE widget_kinds (id smallint PRIMARY KEY, name text);
