-- expect: add-unique-constraint-inline-index
-- verdict: agree
-- why: both flag it; squawk's extra constraint-missing-not-valid does not apply: PostgreSQL rejects NOT VALID on UNIQUE
ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE (email);
