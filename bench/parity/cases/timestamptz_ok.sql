-- forbid: type-timestamp-without-tz
CREATE TABLE logs (id bigint PRIMARY KEY, at timestamptz, at2 timestamp with time zone);
