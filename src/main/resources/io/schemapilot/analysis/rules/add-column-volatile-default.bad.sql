-- Every existing order gets its own uuid: the table is rewritten under ACCESS EXCLUSIVE.
ALTER TABLE orders ADD COLUMN public_id uuid DEFAULT gen_random_uuid();
