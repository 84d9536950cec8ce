-- expect: add-primary-key-using-index-nullable
-- forbid: add-primary-key-inline-index
-- note: items.id is not known to be NOT NULL: the PK's implicit SET NOT NULL scans
CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS items_id_idx ON items (id);
ALTER TABLE items ADD CONSTRAINT items_pkey PRIMARY KEY USING INDEX items_id_idx;
