-- Readers of orders.shipped_at may still assume it is always set.
ALTER TABLE orders ALTER COLUMN shipped_at DROP NOT NULL;
