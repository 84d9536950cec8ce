-- V42: order shipping tiers (a typical small migration; the benchmark's start-up case)
SET lock_timeout = '5s';
SET statement_timeout = '60s';

ALTER TABLE orders ADD COLUMN shipping_tier text;
ALTER TABLE orders ADD COLUMN shipped_at timestamptz;

CREATE TABLE shipping_tiers (
    code        text PRIMARY KEY,
    label       text NOT NULL,
    max_weight  numeric(10, 2) NOT NULL CHECK (max_weight > 0),
    created_at  timestamptz NOT NULL DEFAULT now()
);

INSERT INTO shipping_tiers (code, label, max_weight) VALUES
    ('std', 'Standard', 30.00),
    ('exp', 'Express', 10.00);

UPDATE orders SET shipping_tier = 'std' WHERE shipping_tier IS NULL AND id < 100000;

CREATE INDEX CONCURRENTLY orders_shipping_tier_idx ON orders (shipping_tier);

ALTER TABLE orders ADD CONSTRAINT orders_shipping_tier_fkey
    FOREIGN KEY (shipping_tier) REFERENCES shipping_tiers (code) NOT VALID;
ALTER TABLE orders VALIDATE CONSTRAINT orders_shipping_tier_fkey;

ALTER TABLE orders ALTER COLUMN shipping_tier SET NOT NULL;
