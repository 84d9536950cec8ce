-- forbid: drop-table
-- note: a table created and dropped in the same migration holds no data
-- verdict: deliberate
-- why: a table created and dropped in the same migration never held data
CREATE TABLE tmp_import (id bigint PRIMARY KEY);
DROP TABLE tmp_import;
