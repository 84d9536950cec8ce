-- expect: add-primary-key-inline-index
-- verdict: agree
-- why: as pk_add
ALTER TABLE items ADD CONSTRAINT items_pkey PRIMARY KEY (id);
