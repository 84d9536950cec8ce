-- One keyed batch; the job repeats it until it updates no row.
UPDATE orders SET currency = 'EUR'
WHERE id IN (SELECT id FROM orders WHERE currency IS NULL ORDER BY id LIMIT 5000);
