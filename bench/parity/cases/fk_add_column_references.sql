-- expect: add-foreign-key-validating
ALTER TABLE orders ADD COLUMN coupon_id bigint REFERENCES coupons (id);
