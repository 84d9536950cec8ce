SET lock_timeout = '2s';
SET statement_timeout = '5min';
UPDATE orders SET region = 'eu' WHERE country IN ('de', 'fr', 'it', 'es');
