-- forbid: refresh-matview-non-concurrent
REFRESH MATERIALIZED VIEW CONCURRENTLY sales_summary;
