-- SAFE: a new table and its index. Nothing else uses coupons yet, so its locks block no one;
-- a plain CREATE INDEX on a table created in the same migration is fine.
CREATE TABLE coupons (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    code            text        NOT NULL,
    discount_pct    integer     NOT NULL,
    valid_until     timestamptz NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT coupons_discount_pct_check CHECK (discount_pct BETWEEN 1 AND 100)
);
CREATE UNIQUE INDEX coupons_code_key ON coupons (lower(code));
