-- Truncating a staging table created in this same migration is fine.
CREATE TABLE audit_import (id bigint, payload jsonb);
INSERT INTO audit_import SELECT id, payload FROM audit_events WHERE id <= 100000;
TRUNCATE audit_import;
