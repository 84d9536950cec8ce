-- Instant: new values are checked now, old ones when the constraint is validated at a quiet time.
ALTER DOMAIN email_address ADD CONSTRAINT email_address_has_at CHECK (VALUE LIKE '%@%') NOT VALID;

-- Lighter still: a column CHECK, validated later under SHARE UPDATE EXCLUSIVE (writes go on).
ALTER TABLE users ADD CONSTRAINT users_email_has_at CHECK (email LIKE '%@%') NOT VALID;
ALTER TABLE users VALIDATE CONSTRAINT users_email_has_at;

-- A domain without a CHECK; rules live on the columns.
CREATE DOMAIN order_reference AS text;
