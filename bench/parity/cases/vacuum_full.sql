-- expect: vacuum-full-or-cluster
-- why: squawk's prefer-repack fires only with --pg-version 19+ (REPACK); VACUUM FULL takes ACCESS EXCLUSIVE and rewrites on every version
VACUUM FULL orders;
