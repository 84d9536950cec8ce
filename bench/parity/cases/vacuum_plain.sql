-- forbid: vacuum-full-or-cluster
VACUUM ANALYZE orders;
