-- On its own, outside a transaction; later migrations can use the committed label.
ALTER TYPE order_status ADD VALUE IF NOT EXISTS 'refunded' AFTER 'paid';
