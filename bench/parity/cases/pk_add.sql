-- expect: add-primary-key-inline-index
-- verdict: agree
-- why: both flag it; squawk's extra constraint-missing-not-valid does not apply: PostgreSQL rejects NOT VALID on PRIMARY KEY
ALTER TABLE items ADD PRIMARY KEY (id);
