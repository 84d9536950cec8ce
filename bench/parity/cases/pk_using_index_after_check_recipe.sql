-- forbid: add-primary-key-using-index-nullable,add-primary-key-inline-index
ALTER TABLE items ADD CONSTRAINT items_id_nn CHECK (id IS NOT NULL) NOT VALID;
ALTER TABLE items VALIDATE CONSTRAINT items_id_nn;
CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS items_id_idx ON items (id);
ALTER TABLE items ADD CONSTRAINT items_pkey PRIMARY KEY USING INDEX items_id_idx;
