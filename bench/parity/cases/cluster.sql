-- expect: vacuum-full-or-cluster
-- why: as vacuum_full
CLUSTER orders USING orders_pkey;
