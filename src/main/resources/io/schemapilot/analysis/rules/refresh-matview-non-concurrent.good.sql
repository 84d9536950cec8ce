-- Readers go on; needs a unique index on the view (created once, concurrently).
REFRESH MATERIALIZED VIEW CONCURRENTLY daily_sales;

-- A materialized view created in this migration: nobody reads it yet.
CREATE MATERIALIZED VIEW weekly_sales AS SELECT date_trunc('week', created_at) AS week, sum(total) AS total
    FROM orders GROUP BY 1;
REFRESH MATERIALIZED VIEW weekly_sales;
