-- forbid: vacuum-full-or-cluster
VACUUM (FULL false, ANALYZE) orders;
