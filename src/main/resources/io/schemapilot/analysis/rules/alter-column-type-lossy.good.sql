-- Keep the type; enforce the new limit with a CHECK added NOT VALID and validated without blocking writes.
ALTER TABLE customers ADD CONSTRAINT customers_referral_code_max_length
    CHECK (char_length(referral_code) <= 20) NOT VALID;
ALTER TABLE customers VALIDATE CONSTRAINT customers_referral_code_max_length;
