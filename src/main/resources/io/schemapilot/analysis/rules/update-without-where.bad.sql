-- Rewrites every row of orders in one transaction.
UPDATE orders SET currency = 'EUR';
