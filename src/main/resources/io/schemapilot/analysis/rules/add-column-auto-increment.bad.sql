-- nextval() for every existing row: the table is rewritten under ACCESS EXCLUSIVE.
ALTER TABLE orders ADD COLUMN seq_no bigserial;
