-- expect: type-timestamp-without-tz
CREATE TABLE logs (id bigint PRIMARY KEY, at timestamp, at2 timestamp(3) without time zone);
