-- forbid: vacuum-full-or-cluster
ALTER TABLE orders CLUSTER ON orders_pkey;
