-- expect: add-exclusion-constraint
-- verdict: agree
-- why: both flag it; squawk's advice (NOT VALID) does not apply: PostgreSQL rejects NOT VALID on EXCLUDE
ALTER TABLE bookings ADD CONSTRAINT no_overlap EXCLUDE USING gist (room WITH =, during WITH &&);
