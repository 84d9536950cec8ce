-- forbid: add-primary-key-inline-index
-- note: SET NOT NULL first (flagged on its own); the PK then reuses the index
ALTER TABLE items ALTER COLUMN id SET NOT NULL;
ALTER TABLE items ADD CONSTRAINT items_pkey PRIMARY KEY USING INDEX items_id_idx;
