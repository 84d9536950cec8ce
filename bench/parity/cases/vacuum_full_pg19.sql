-- sp: --pg-version=19
-- sq: --pg-version=19.0
-- expect: vacuum-full-or-cluster
VACUUM FULL orders;
