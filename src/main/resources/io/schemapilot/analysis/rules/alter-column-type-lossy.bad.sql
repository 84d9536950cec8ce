-- The column was added earlier as varchar(100) (with --db or --schema the catalog supplies the old type).
ALTER TABLE customers ADD COLUMN referral_code varchar(100);
-- Shrinking fails under ACCESS EXCLUSIVE if any code is longer than 20 characters.
ALTER TABLE customers ALTER COLUMN referral_code TYPE varchar(20);
