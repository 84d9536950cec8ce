SET lock_timeout = '2s';
-- Nothing stops this if it matches far more rows than expected.
UPDATE orders SET region = 'eu' WHERE country IN ('de', 'fr', 'it', 'es');
