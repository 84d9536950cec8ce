-- expect: identifier-too-long
CREATE TABLE table_very_long_very_long_very_long_very_long_very_long_very_long (c bigint);
