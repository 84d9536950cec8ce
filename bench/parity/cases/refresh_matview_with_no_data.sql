-- expect: refresh-matview-non-concurrent
-- note: still ACCESS EXCLUSIVE; the view becomes unreadable
REFRESH MATERIALIZED VIEW sales_summary WITH NO DATA;
