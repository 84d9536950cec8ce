-- expect: refresh-matview-non-concurrent
REFRESH MATERIALIZED VIEW sales_summary;
