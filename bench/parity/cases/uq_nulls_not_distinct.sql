-- expect: add-unique-constraint-inline-index
-- verdict: agree
-- why: as uq_add_constraint
ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE NULLS NOT DISTINCT (email);
