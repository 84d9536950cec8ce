-- Every reader of daily_sales waits until the whole query behind it has rerun.
REFRESH MATERIALIZED VIEW daily_sales;
