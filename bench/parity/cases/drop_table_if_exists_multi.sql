-- expect: drop-table
DROP TABLE IF EXISTS legacy_a, legacy_b;
