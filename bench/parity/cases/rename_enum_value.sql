-- expect: rename-enum-value
ALTER TYPE order_status RENAME VALUE 'cancelled' TO 'canceled';
