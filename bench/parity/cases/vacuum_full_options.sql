-- expect: vacuum-full-or-cluster
-- why: as vacuum_full
VACUUM (FULL, ANALYZE) orders;
